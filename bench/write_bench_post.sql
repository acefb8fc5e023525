-- pgbench script of bench/write_bench.sh, the anchor of a POST: a new
-- initiative with a point footprint in a random Biobío commune, its joined
-- units, and its audit row (before null, after the stored feature).
\set k random(1, :npoints)
\set s random(1, 4)
BEGIN;
SELECT 'pg' || nextval('initiative_ids') AS id, nextval('generation') AS rev, lon, lat FROM bench_points WHERE n = :k \gset
INSERT INTO initiatives(id, name, institution, area, stage, year, footprint_kind, footprint_division, attributes, revision, geom)
VALUES (:id::text, 'Iniciativa de prueba ' || :id::text, 'Municipalidad de prueba',
        (ARRAY['Social','Económico','Ordenamiento y Ambiental','Político-Institucional'])[:s::int], 'inscrita', 2026,
        'points', '2018', '[]', :rev::bigint, ST_SetSRID(ST_MakePoint(:lon::float8, :lat::float8), 4326));
SELECT join_point(:id::text, ST_SetSRID(ST_MakePoint(:lon::float8, :lat::float8), 4326));
INSERT INTO audit(generation, time, token_id, token_name, operation, feature_id, before, after)
VALUES (:rev::bigint, utc_now(), 'bench', 'bench', 'create', :id::text, NULL,
        feature_json(:id::text));
END;
