-- +goose Up
-- The demo's pages (every letter, every second-factor code) open only on a
-- database the demo made. A database the demo filled before the mark is
-- known by the demo's regional admin, whose domain no real region has.
INSERT INTO settings (key, value)
SELECT 'demo_region', 'before the mark' WHERE EXISTS (SELECT 1 FROM staff WHERE email = 'region@demo.example.ru')
ON CONFLICT (key) DO NOTHING;

-- +goose Down
DELETE FROM settings WHERE key = 'demo_region';
