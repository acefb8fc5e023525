#include "geo/gdal/gdal_dataset.h"

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <ogr_srs_api.h>

#include <mutex>

#include "geo/error.h"

namespace geo {

namespace {
std::string last_gdal_error(const std::string& what) {
  const char* msg = CPLGetLastErrorMsg();
  return what + (msg && *msg ? std::string(": ") + msg : std::string());
}

// A NULL-terminated char** view of strings for GDAL option lists.
struct OptionList {
  explicit OptionList(const std::vector<std::string>& options) {
    for (const auto& o : options) ptrs.push_back(const_cast<char*>(o.c_str()));
    ptrs.push_back(nullptr);
  }
  char** get() { return ptrs.size() > 1 ? ptrs.data() : nullptr; }
  std::vector<char*> ptrs;
};
}  // namespace

void gdal_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
}

void Feature::Deleter::operator()(void* f) const { OGR_F_Destroy(f); }
void GeometryTransform::Deleter::operator()(void* t) const {
  OCTDestroyCoordinateTransformation(static_cast<OGRCoordinateTransformationH>(t));
}

namespace {
// A spatial reference from "EPSG:n", easting (longitude) first; the caller releases it.
OGRSpatialReferenceH new_srs(const std::string& crs) {
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  if (OSRSetFromUserInput(srs, crs.c_str()) != OGRERR_NONE) {
    OSRRelease(srs);
    throw GdalError(last_gdal_error("unknown CRS " + crs));
  }
  OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}
}  // namespace

GeometryTransform::GeometryTransform(const std::string& to) {
  gdal_init();
  OGRSpatialReferenceH from = new_srs("EPSG:4326");
  OGRSpatialReferenceH target = nullptr;
  try {
    target = new_srs(to);
  } catch (...) {
    OSRRelease(from);
    throw;
  }
  CPLErrorReset();
  OGRCoordinateTransformationH t = OCTNewCoordinateTransformation(from, target);
  OSRRelease(from);
  OSRRelease(target);
  if (!t) throw GdalError(last_gdal_error("no transformation to " + to));
  t_.reset(t);
}
void Dataset::Deleter::operator()(void* d) const { GDALClose(d); }

long long Feature::fid() const { return OGR_F_GetFID(f_.get()); }
int Feature::field_count() const { return OGR_F_GetFieldCount(f_.get()); }
int Feature::field_index(const std::string& name) const { return OGR_F_GetFieldIndex(f_.get(), name.c_str()); }
bool Feature::is_set(int i) const { return OGR_F_IsFieldSetAndNotNull(f_.get(), i) != 0; }
std::string Feature::get_string(int i) const { return is_set(i) ? OGR_F_GetFieldAsString(f_.get(), i) : ""; }
std::string Feature::get_string(const std::string& name) const {
  const int i = field_index(name);
  return i < 0 ? std::string() : get_string(i);
}

Geometry Feature::geometry() const {
  OGRGeometryH g = OGR_F_GetGeometryRef(f_.get());
  if (!g || OGR_G_IsEmpty(g)) return Geometry();
  std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(g)));
  if (OGR_G_ExportToIsoWkb(g, wkbNDR, wkb.data()) != OGRERR_NONE)
    throw GeometryError(last_gdal_error("exporting a geometry to WKB"));
  return Geometry::from_wkb(wkb.data(), wkb.size());
}

void Feature::set(int i, const std::string& value) { OGR_F_SetFieldString(f_.get(), i, value.c_str()); }
void Feature::set(int i, double value) { OGR_F_SetFieldDouble(f_.get(), i, value); }
void Feature::set(int i, long long value) { OGR_F_SetFieldInteger64(f_.get(), i, value); }
void Feature::set_null(int i) { OGR_F_SetFieldNull(f_.get(), i); }

void Feature::set_geometry(const Geometry& g, const GeometryTransform* transform) {
  if (!g) {
    OGR_F_SetGeometry(f_.get(), nullptr);
    return;
  }
  std::vector<unsigned char> wkb = g.to_wkb();
  OGRGeometryH og = nullptr;
  if (OGR_G_CreateFromWkb(wkb.data(), nullptr, &og, static_cast<int>(wkb.size())) != OGRERR_NONE)
    throw GdalError(last_gdal_error("converting a geometry for GDAL"));
  if (transform && OGR_G_Transform(og, static_cast<OGRCoordinateTransformationH>(transform->get())) != OGRERR_NONE) {
    OGR_G_DestroyGeometry(og);
    throw GdalError(last_gdal_error("reprojecting a geometry"));
  }
  OGR_F_SetGeometryDirectly(f_.get(), og);
}

void Feature::set_from(const Feature& src) {
  if (OGR_F_SetFrom(f_.get(), src.f_.get(), 1) != OGRERR_NONE) throw GdalError(last_gdal_error("copying a feature"));
}

void Layer::create_fields_like(const Layer& src) {
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(src.l_);
  for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
    OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
    if (OGR_L_CreateField(l_, fd, 1) != OGRERR_NONE)
      throw GdalError(last_gdal_error(std::string("creating field ") + OGR_Fld_GetNameRef(fd)));
  }
}

std::string Layer::name() const { return OGR_L_GetName(l_); }
long long Layer::feature_count(bool force) const { return OGR_L_GetFeatureCount(l_, force ? 1 : 0); }

std::vector<std::string> Layer::field_names() const {
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l_);
  std::vector<std::string> names;
  for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) names.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
  return names;
}

bool Layer::has_geometry() const { return OGR_FD_GetGeomFieldCount(OGR_L_GetLayerDefn(l_)) > 0; }

std::optional<std::string> Layer::crs_wkt() const {
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(l_);
  if (!srs) return std::nullopt;
  char* wkt = nullptr;
  if (OSRExportToWkt(srs, &wkt) != OGRERR_NONE) return std::nullopt;
  std::string out(wkt);
  CPLFree(wkt);
  return out;
}

void Layer::reset_reading() { OGR_L_ResetReading(l_); }
Feature Layer::next() {
  CPLErrorReset();
  OGRFeatureH f = OGR_L_GetNextFeature(l_);
  if (!f && CPLGetLastErrorType() >= CE_Failure) throw GdalError(last_gdal_error("reading layer " + name()));
  return Feature(f);
}
Feature Layer::new_feature() const { return Feature(OGR_F_Create(OGR_L_GetLayerDefn(l_))); }

void Layer::create_field(const std::string& name, FieldType type) {
  const OGRFieldType t = type == FieldType::string    ? OFTString
                         : type == FieldType::integer ? OFTInteger64
                         : type == FieldType::boolean ? OFTInteger
                                                      : OFTReal;
  OGRFieldDefnH fd = OGR_Fld_Create(name.c_str(), t);
  if (type == FieldType::boolean) OGR_Fld_SetSubType(fd, OFSTBoolean);
  const OGRErr err = OGR_L_CreateField(l_, fd, 1);
  OGR_Fld_Destroy(fd);
  if (err != OGRERR_NONE) throw GdalError(last_gdal_error("creating field " + name));
}

void Layer::write(Feature& f) {
  if (OGR_L_CreateFeature(l_, f.get()) != OGRERR_NONE) throw GdalError(last_gdal_error("writing a feature"));
}

Dataset Dataset::open_vector(const std::string& path, const std::vector<std::string>& open_options) {
  gdal_init();
  OptionList opts(open_options);
  CPLErrorReset();
  GDALDatasetH d = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, opts.get(), nullptr);
  if (!d) throw GdalError(last_gdal_error("GDAL cannot open '" + path + "' as a vector source"));
  Dataset ds;
  ds.d_.reset(d);
  return ds;
}

Dataset Dataset::create_vector(const std::string& driver, const std::string& path,
                               const std::vector<std::string>& options) {
  gdal_init();
  GDALDriverH drv = GDALGetDriverByName(driver.c_str());
  if (!drv) throw GdalError("GDAL has no driver " + driver);
  OptionList opts(options);
  CPLErrorReset();
  GDALDatasetH d = GDALCreate(drv, path.c_str(), 0, 0, 0, GDT_Unknown, opts.get());
  if (!d) throw GdalError(last_gdal_error("GDAL cannot create '" + path + "'"));
  Dataset ds;
  ds.d_.reset(d);
  return ds;
}

int Dataset::layer_count() const { return GDALDatasetGetLayerCount(d_.get()); }
Layer Dataset::layer(int i) const { return Layer(GDALDatasetGetLayer(d_.get(), i)); }

Layer Dataset::create_layer(const std::string& name, GeometryType geometry_type, const std::string& crs,
                            const std::vector<std::string>& options) {
  OGRSpatialReferenceH srs = crs.empty() ? nullptr : new_srs(crs);
  const OGRwkbGeometryType type = geometry_type == GeometryType::point ? wkbPoint
                                   : geometry_type == GeometryType::multi_polygon ? wkbMultiPolygon
                                                                                  : wkbUnknown;
  OptionList opts(options);
  OGRLayerH l = GDALDatasetCreateLayer(d_.get(), name.c_str(), srs, type, opts.get());
  if (srs) OSRRelease(srs);
  if (!l) throw GdalError(last_gdal_error("creating layer " + name));
  return Layer(l);
}

void Dataset::start_transaction() {
  if (GDALDatasetStartTransaction(d_.get(), 0) != OGRERR_NONE) throw GdalError(last_gdal_error("starting a transaction"));
}
void Dataset::commit_transaction() {
  if (GDALDatasetCommitTransaction(d_.get()) != OGRERR_NONE) throw GdalError(last_gdal_error("committing a transaction"));
}

void Dataset::close() {
  GDALDatasetH d = d_.release();
  if (!d) return;
  CPLErrorReset();
  GDALClose(d);
  if (CPLGetLastErrorType() >= CE_Failure) throw GdalError(last_gdal_error("closing a dataset"));
}

}  // namespace geo
