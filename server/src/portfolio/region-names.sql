-- Oblast names for reports, in every language we print.
SELECT id, name_ru, name_kk, name_en FROM region_admin1 ORDER BY id COLLATE "C"
