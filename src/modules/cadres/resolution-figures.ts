/**
 * What the resolution (section I) states of the ward's cadres in 2025: 131 cadres and civil
 * servants, 30 of them managers, by body 20 (11), 16 (5) and 94 (14). The parts add up to 130: the
 * register holds the people it holds, and the screens show the stated total beside the count.
 */
export const RESOLUTION_STATES = {
  ward: 'phường An Biên',
  cadres: 131,
  managers: 30,
  partsSum: 130,
  note: 'Nghị quyết nêu tổng số 131 cán bộ, công chức (30 cán bộ quản lý), nhưng số liệu từng khối cộng lại là 130 (Cơ quan Đảng ủy 20, Mặt trận Tổ quốc 16, chính quyền 94). Số liệu ở đây đếm những người có trong hồ sơ cán bộ.',
} as const;
