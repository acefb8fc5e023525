-- The anchor of bench/write_bench.sh: territorio's store schema (layers/store/store.cc,
-- schema 2) in PostgreSQL 15 + PostGIS 3, beside the `units` table that
-- ogr2ogr copied from a territorio store (both divisions, all levels, with
-- geometries). The write of a record is then one transaction doing what
-- territorio does for POST/PATCH: the record's row, its joined units (the
-- point's commune in 2018 by ST_Intersects, and its province and region in
-- 2018 and 2007 by parent codes) and an audit row with before/after JSON.

-- What territorio's catalog keeps in memory: units by code, a commune
-- polygon index, and how many communes each province/region has (whole).
CREATE UNIQUE INDEX units_by_code ON units(division, code);
CREATE INDEX units_communes_2018 ON units USING gist(geom) WHERE division = '2018' AND level = 'commune';
ALTER TABLE units ADD COLUMN n_communes integer NOT NULL DEFAULT 1;
UPDATE units p SET n_communes = (SELECT count(*) FROM units c WHERE c.division = p.division AND c.level = 'commune'
                                   AND c.parent_code = p.code) WHERE level = 'province';
UPDATE units r SET n_communes = (SELECT sum(p.n_communes) FROM units p WHERE p.division = r.division
                                   AND p.level = 'province' AND p.parent_code = r.code) WHERE level = 'region';

CREATE TABLE initiatives(
  id text PRIMARY KEY, name text NOT NULL, institution text, institution_type text,
  area text, thematic_field text, scope text, rurality text, contest text, year integer,
  stage text, award text, field_visit integer, region_recorded text, region_recorded_code text,
  footprint_kind text NOT NULL, footprint_division text NOT NULL, footprint_codes text,
  footprint_names text, footprint_level text, footprint_scale text, footprint_basis text,
  attributes text NOT NULL, revision bigint NOT NULL DEFAULT 0,
  geom geometry(Geometry, 4326));
CREATE TABLE initiative_units(
  initiative_id text NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  division text NOT NULL, level text NOT NULL, code text NOT NULL,
  whole integer NOT NULL, basis text NOT NULL,
  PRIMARY KEY(initiative_id, division, code));
CREATE TABLE audit(
  seq bigserial PRIMARY KEY, generation bigint NOT NULL, time text NOT NULL,
  token_id text, token_name text NOT NULL,
  operation text NOT NULL CHECK(operation IN ('create','replace','update','delete','import')),
  feature_id text NOT NULL, before text, after text);
CREATE INDEX audit_by_feature ON audit(feature_id, seq);
CREATE INDEX audit_by_generation ON audit(generation);
-- territorio's generation: one per write (a sequence, so writers do not queue on a row lock).
CREATE SEQUENCE generation;
CREATE SEQUENCE initiative_ids;
CREATE TABLE bench_points(n serial PRIMARY KEY, lon float8 NOT NULL, lat float8 NOT NULL);

-- The units of a record with a point footprint: its commune in 2018, the same
-- commune code in 2007, and their provinces and regions (the roll-up).
-- (The point is an argument, not a join with initiatives: that way the
-- planner takes the GiST index instead of testing all 346 communes. PL/pgSQL,
-- not SQL functions: it keeps its statements' plans for the session.)
CREATE FUNCTION join_point(rid text, pt geometry) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH commune AS (
    SELECT u.code FROM units u
    WHERE u.division = '2018' AND u.level = 'commune' AND ST_Intersects(u.geom, pt)
    ORDER BY u.code LIMIT 1),
  communes AS (
    SELECT u.division, u.code, u.parent_code FROM units u JOIN commune c ON u.code = c.code
    WHERE u.level = 'commune'),
  provinces AS (
    SELECT p.division, p.code, p.parent_code, p.n_communes FROM units p
    JOIN communes c ON p.division = c.division AND p.code = c.parent_code),
  regions AS (
    SELECT r.division, r.code, r.n_communes FROM units r
    JOIN provinces p ON r.division = p.division AND r.code = p.parent_code)
  INSERT INTO initiative_units(initiative_id, division, level, code, whole, basis)
  SELECT rid, division, 'commune', code, 1, 'point_in_polygon' FROM communes
  UNION ALL SELECT rid, division, 'province', code, (n_communes = 1)::int, 'rollup' FROM provinces
  UNION ALL SELECT rid, division, 'region', code, (n_communes = 1)::int, 'rollup' FROM regions;
END
$$;

-- A record as GET /collections/initiatives/items/{id} gives it (the audit's before/after).
CREATE FUNCTION feature_json(rid text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT json_build_object('type', 'Feature', 'id', i.id, 'geometry', ST_AsGeoJSON(i.geom, 6)::json,
    'properties', json_build_object('id', i.id, 'name', i.name, 'institution', i.institution,
      'institution_type', i.institution_type, 'area', i.area, 'thematic_field', i.thematic_field,
      'scope', i.scope, 'rurality', i.rurality, 'contest', i.contest, 'year', i.year, 'stage', i.stage,
      'award', i.award, 'field_visit', i.field_visit = 1, 'region_recorded', i.region_recorded,
      'footprint_kind', i.footprint_kind, 'footprint_division', i.footprint_division,
      'footprint_codes', i.footprint_codes, 'footprint_names', i.footprint_names,
      'footprint_level', i.footprint_level, 'footprint_basis', i.footprint_basis,
      'commune_codes', (SELECT json_agg(code ORDER BY code) FROM initiative_units
                        WHERE initiative_id = i.id AND division = '2018' AND level = 'commune'),
      'province_codes', (SELECT json_agg(code ORDER BY code) FROM initiative_units
                         WHERE initiative_id = i.id AND division = '2018' AND level = 'province'),
      'region_codes', (SELECT json_agg(code ORDER BY code) FROM initiative_units
                       WHERE initiative_id = i.id AND division = '2018' AND level = 'region'),
      'province_codes_2007', (SELECT json_agg(code ORDER BY code) FROM initiative_units
                              WHERE initiative_id = i.id AND division = '2007' AND level = 'province'),
      'region_codes_2007', (SELECT json_agg(code ORDER BY code) FROM initiative_units
                            WHERE initiative_id = i.id AND division = '2007' AND level = 'region')))::text
    FROM initiatives i WHERE i.id = rid);
END
$$;

-- The audit's time as territorio writes it (here, not in the pgbench
-- scripts: pgbench would read ":MI" as a variable).
CREATE FUNCTION utc_now() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;
