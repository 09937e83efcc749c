// Enumerations shared by input documents and the rulebook, with their JSON spellings
// (CONTRACT.md §2). The spellings are part of the public contract.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace sqp {

// ELIG.SCOPE (Art. 10).
enum class SiteType {
  kBusinessHall,                  // 实体营业厅
  kCustomerServiceCenter,         // 客服中心 / 客户中心
  kInstallationMaintenanceCenter, // 安装维修服务中心
  kOtherIct,                      // other ICT business joining voluntarily
};
inline constexpr size_t kSiteTypeCount = 4;
inline constexpr std::array<std::string_view, kSiteTypeCount> kSiteTypeNames = {
    "business_hall", "customer_service_center", "installation_maintenance_center", "other_ict"};
inline constexpr std::array<std::string_view, kSiteTypeCount> kSiteTypeNamesZh = {
    "实体营业厅", "客服中心", "安装维修服务中心", "其他信息通信业务服务现场"};
constexpr std::string_view SiteTypeName(SiteType t) { return kSiteTypeNames[static_cast<size_t>(t)]; }
constexpr size_t Index(SiteType t) { return static_cast<size_t>(t); }

// Production-safety accident grades (生产安全事故等级), ELIG.ACCIDENT.
enum class AccidentSeverity {
  kGeneral,          // 一般
  kLarger,           // 较大
  kMajor,            // 重大
  kEspeciallyMajor,  // 特别重大
};
inline constexpr size_t kAccidentSeverityCount = 4;
inline constexpr std::array<std::string_view, kAccidentSeverityCount> kAccidentSeverityNames = {
    "general", "larger", "major", "especially_major"};
inline constexpr std::array<std::string_view, kAccidentSeverityCount> kAccidentSeverityNamesZh = {
    "一般", "较大", "重大", "特别重大"};
// As English prose says them ("an especially major accident").
inline constexpr std::array<std::string_view, kAccidentSeverityCount> kAccidentSeverityNamesEn = {
    "general", "larger", "major", "especially major"};
constexpr size_t Index(AccidentSeverity s) { return static_cast<size_t>(s); }

}  // namespace sqp
