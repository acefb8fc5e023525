-- PostGIS anchor of bench/tiles_bench.sh. communes_src is the server's
-- communes GeoPackage download (EPSG:4326); the tile carries the same
-- properties as ours (initiatives = acting in the commune or on a whole
-- enclosing unit). Geometries are transformed to Web Mercator once, here,
-- and indexed, so the tile query does only what a tile needs.
CREATE TABLE communes_mvt AS
SELECT code::bigint AS fid, code, name, province_code, region_code, population::bigint AS population,
       (initiatives + initiatives_enclosing)::bigint AS initiatives,
       CASE WHEN population > 0
            THEN round(((initiatives + initiatives_enclosing) * 100000.0 / population)::numeric, 3)::float8
            ELSE 0 END AS per_100k,
       (initiatives + initiatives_enclosing) > 0 AS covered,
       ST_Transform(geom, 3857) AS geom
FROM communes_src;
CREATE INDEX communes_mvt_geom ON communes_mvt USING gist (geom);
ANALYZE communes_mvt;

-- One tile: features meeting the tile plus its 64-unit buffer, clipped and
-- quantized by ST_AsMVTGeom to extent 4096, encoded by ST_AsMVT.
CREATE FUNCTION communes_tile(z integer, x integer, y integer) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ST_AsMVT(t, 'communes', 4096, 'geom', 'fid')
  FROM (SELECT fid, code, name, province_code, region_code, population, initiatives, per_100k, covered,
               ST_AsMVTGeom(m.geom, ST_TileEnvelope(z, x, y), 4096, 64, true) AS geom
        FROM communes_mvt m
        WHERE m.geom && ST_TileEnvelope(z, x, y, margin => 64.0 / 4096)) t
  WHERE t.geom IS NOT NULL
$$;
