/**
 * The day the ward came to be: An Biên was formed by merger on 1 July 2025, when the two-level
 * local government took effect (Law on Local Government Organisation 72/2025/QH15). Nothing the
 * ward itself rated, planned or decided can belong to a year before it existed.
 */
export const WARD_FORMED_ON = '2025-07-01';

/** The first year the ward can have rated its cadres for. */
export const WARD_FIRST_YEAR = Number(WARD_FORMED_ON.slice(0, 4));
