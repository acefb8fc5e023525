-- pgbench script of bench/write_bench.sh, the anchor of a PATCH: one of the
-- NWARM initiatives made before the run moves to a new random Biobío point
-- with a new stage; its units are joined again, and its audit row keeps the
-- feature before and after.
\set k random(1, :npoints)
\set t random(1, :nwarm)
\set s random(1, 4)
BEGIN;
SELECT 'pg' || :t::text AS id, nextval('generation') AS rev, lon, lat FROM bench_points WHERE n = :k \gset
SELECT revision AS current FROM initiatives WHERE id = :id::text FOR UPDATE \gset
INSERT INTO audit(generation, time, token_id, token_name, operation, feature_id, before)
VALUES (:rev::bigint, utc_now(), 'bench', 'bench', 'update', :id::text,
        feature_json(:id::text));
UPDATE initiatives SET stage = (ARRAY['inscrita','profundización','finalizada','terreno'])[:s::int], revision = :rev::bigint,
       geom = ST_SetSRID(ST_MakePoint(:lon::float8, :lat::float8), 4326) WHERE id = :id::text;
DELETE FROM initiative_units WHERE initiative_id = :id::text;
SELECT join_point(:id::text, ST_SetSRID(ST_MakePoint(:lon::float8, :lat::float8), 4326));
UPDATE audit SET after = feature_json(:id::text) WHERE generation = :rev::bigint;
END;
