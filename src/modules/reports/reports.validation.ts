/** Vietnamese mobile and landline numbers: +84 or 0, then 9-10 digits; spaces, dots and dashes allowed. */
export const VN_PHONE = /^(\+84|0)[\s.-]?\d(?:[\s.-]?\d){7,9}$/;
/** CCCD (12 digits) or the old CMND (9 digits). */
export const VN_ID_NUMBER = /^(\d{9}|\d{12})$/;
