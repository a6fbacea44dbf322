// The CALPADS layout tables compiled into agmon: each is etc/calpads/layouts/<version>.csv
// verbatim (tests/ingest/calpads_test.cpp checks that they agree byte for byte). To add a CFS
// version: add the CSV there, paste it here as one more entry, newest last.
#include "agmon/ingest/calpads_layout.h"

namespace agmon::ingest {
namespace {

struct BuiltinLayout {
  std::string_view version;
  std::string_view csv;
};

// v12: CALPADS File Specifications v11/v12 field order (Data Guide v11.0), the positions four
// independent sources agree on (formats-research.md §1.3-1.9). SINF uses the single parent
// education field 2.38 and race at 2.25-2.29.
constexpr std::string_view kV12 = R"agmon_layout(record_type,field_no,key,name,type,required
SENR,1.01,record_type,Record Type Code,CS,Y
SENR,1.02,transaction_type,Transaction Type Code,CS,N
SENR,1.03,local_record_id,Local Record ID,CS,N
SENR,1.04,reporting_lea,Reporting LEA,CS,N
SENR,1.05,school_code,School of Attendance,CS,Y
SENR,1.06,school_nps,School of Attendance NPS,CS,N
SENR,1.07,academic_year,Academic Year ID,CS,Y
SENR,1.08,ssid,SSID,CS,N
SENR,1.09,student_id,Local Student ID,CS,Y
SENR,1.10,first_name,Student Legal First Name,CS,N
SENR,1.11,middle_name,Student Legal Middle Name,CS,N
SENR,1.12,last_name,Student Legal Last Name,CS,N
SENR,1.13,name_suffix,Student Legal Name Suffix,CS,N
SENR,1.14,alias_first_name,Student Alias First Name,CS,N
SENR,1.15,alias_middle_name,Student Alias Middle Name,CS,N
SENR,1.16,alias_last_name,Student Alias Last Name,CS,N
SENR,1.17,birth_date,Student Birth Date,DT,N
SENR,1.18,gender,Student Gender Code,CS,N
SENR,1.19,birth_city,Student Birth City,CS,N
SENR,1.20,birth_state,Student Birth State Province Code,CS,N
SENR,1.21,birth_country,Student Birth Country Code,CS,N
SENR,1.22,enroll_start,Enrollment Start Date,DT,Y
SENR,1.23,enroll_status,Enrollment Status Code,CS,N
SENR,1.24,grade_level,Grade Level Code,CS,Y
SENR,1.25,enroll_exit,Enrollment Exit Date,DT,N
SENR,1.26,exit_reason,Student Exit Reason Code,CS,N
SENR,1.27,completion_status,Student School Completion Status,CS,N
SENR,1.28,expected_receiver,Expected Receiver School of Attendance,CS,N
SENR,1.29,met_uc_csu,Student Met All UC CSU Requirements Indicator,CS,N
SENR,1.30,transfer_code,Student School Transfer Code,CS,N
SENR,1.31,residence_district,District of Geographic Residence Code,CS,N
SENR,1.32,golden_state_seal,Student Golden State Seal Merit Diploma Indicator,CS,N
SENR,1.33,seal_of_biliteracy,Student Seal of Biliteracy Indicator,CS,N
SENR,1.34,postsecondary_status,Postsecondary Transition Status Indicator,CS,N
SENR,1.35,workforce_readiness,Workforce Readiness Certificate Program Completion Indicator,CS,N
SENR,1.36,food_handler,Food Handler Certification Program Completion Indicator,CS,N
SENR,1.37,pre_apprentice_certified,Pre-Apprenticeship Program Completion Indicator (certified),CS,N
SENR,1.38,pre_apprentice_other,Pre-Apprenticeship Program Completion Indicator (non-certified),CS,N
SENR,1.39,job_program,State or Federal Job Program Completion Indicator,CS,N
SINF,2.01,record_type,Record Type Code,CS,Y
SINF,2.02,transaction_type,Transaction Type Code,CS,N
SINF,2.03,local_record_id,Local Record ID,CS,N
SINF,2.04,effective_start,Effective Start Date,DT,Y
SINF,2.05,effective_end,Effective End Date,DT,N
SINF,2.06,reporting_lea,Reporting LEA,CS,N
SINF,2.07,school_code,School of Attendance,CS,Y
SINF,2.08,academic_year,Academic Year ID,CS,Y
SINF,2.09,ssid,SSID,CS,N
SINF,2.10,student_id,Local Student ID,CS,Y
SINF,2.11,first_name,Student Legal First Name,CS,N
SINF,2.12,middle_name,Student Legal Middle Name,CS,N
SINF,2.13,last_name,Student Legal Last Name,CS,N
SINF,2.14,name_suffix,Student Legal Name Suffix,CS,N
SINF,2.15,alias_first_name,Student Alias First Name,CS,N
SINF,2.16,alias_middle_name,Student Alias Middle Name,CS,N
SINF,2.17,alias_last_name,Student Alias Last Name,CS,N
SINF,2.18,birth_date,Student Birth Date,DT,N
SINF,2.19,gender,Student Gender Code,CS,N
SINF,2.20,birth_city,Student Birth City,CS,N
SINF,2.21,birth_state,Student Birth State Province Code,CS,N
SINF,2.22,birth_country,Student Birth Country Code,CS,N
SINF,2.23,hispanic,Student Hispanic Ethnicity Indicator,CS,N
SINF,2.24,ethnicity_missing,Student Ethnicity Missing Indicator,CS,N
SINF,2.25,race_1,Student Race 1 Code,CS,N
SINF,2.26,race_2,Student Race 2 Code,CS,N
SINF,2.27,race_3,Student Race 3 Code,CS,N
SINF,2.28,race_4,Student Race 4 Code,CS,N
SINF,2.29,race_5,Student Race 5 Code,CS,N
SINF,2.30,race_missing,Student Race Missing Indicator,CS,N
SINF,2.31,address_1,Address Line 1,CS,N
SINF,2.32,address_2,Address Line 2,CS,N
SINF,2.33,address_city,Address City Name,CS,N
SINF,2.34,address_state,Address State Province Code,CS,N
SINF,2.35,address_zip,Address Zip Code,CS,N
SINF,2.36,us_school_start,Student Initial US School Enrollment Date K-12,DT,N
SINF,2.37,us_school_under_3_years,Enrolled in US School less than Three Cumulative Years Indicator,CS,N
SINF,2.38,parent_ed_level,Parent Guardian Highest Education Level Code,CS,N
SINF,2.39,guardian_1_first_name,Guardian 1 First Name,CS,N
SINF,2.40,guardian_1_last_name,Guardian 1 Last Name,CS,N
SINF,2.41,guardian_2_first_name,Guardian 2 First Name,CS,N
SINF,2.42,guardian_2_last_name,Guardian 2 Last Name,CS,N
SPRG,3.01,record_type,Record Type Code,CS,Y
SPRG,3.02,transaction_type,Transaction Type Code,CS,N
SPRG,3.03,local_record_id,Local Record ID,CS,N
SPRG,3.04,reporting_lea,Reporting LEA,CS,N
SPRG,3.05,school_code,School of Attendance,CS,Y
SPRG,3.06,academic_year,Academic Year ID,CS,Y
SPRG,3.07,ssid,SSID,CS,N
SPRG,3.08,student_id,Local Student ID,CS,Y
SPRG,3.09,first_name,Student Legal First Name,CS,N
SPRG,3.10,last_name,Student Legal Last Name,CS,N
SPRG,3.11,birth_date,Student Birth Date,DT,N
SPRG,3.12,gender,Student Gender Code,CS,N
SPRG,3.13,program_code,Education Program Code,CS,Y
SPRG,3.14,membership_code,Education Program Membership Code,CS,N
SPRG,3.15,program_start,Education Program Membership Start Date,DT,Y
SPRG,3.16,program_end,Education Program Membership End Date,DT,N
SPRG,3.17,service_year,Education Service Academic Year,CS,N
SPRG,3.18,service_code,Education Service Code,CS,N
SPRG,3.19,cpa_id,California Partnership Academy ID,CS,N
SPRG,3.20,migrant_id,Migrant Student ID,CS,N
SPRG,3.21,filler_21,Filler,CS,N
SPRG,3.22,filler_22,Filler,CS,N
SPRG,3.23,homeless_dwelling,Homeless Dwelling Type Code,CS,N
SPRG,3.24,unaccompanied_youth,Unaccompanied Youth Indicator,CS,N
SPRG,3.25,runaway_youth,Runaway Youth Indicator,CS,N
SPRG,3.26,filler_26,Filler,CS,N
CRSC,9.01,record_type,Record Type Code,CS,Y
CRSC,9.02,transaction_type,Transaction Type Code,CS,N
CRSC,9.03,local_record_id,Local Record ID,CS,N
CRSC,9.04,reporting_lea,Reporting LEA,CS,N
CRSC,9.05,school_code,School of Course Delivery,CS,Y
CRSC,9.06,academic_year,Academic Year ID,CS,Y
CRSC,9.07,state_course_code,CRS-State Course Code,CS,Y
CRSC,9.08,local_course_id,CRS-Local Course ID,CS,Y
CRSC,9.09,course_title,CRS-Course Name,CS,Y
CRSC,9.10,content_code,CRS-Course Content Code,CS,N
CRSC,9.11,filler_11,Filler,CS,N
CRSC,9.12,cte_articulated,CRS-CTE Postsecondary Articulated Course Indicator,CS,N
CRSC,9.13,uc_approved,CRS-UC CSU Approved Indicator,CS,N
CRSC,9.14,section_id,Course Section ID,CS,Y
CRSC,9.15,term_code,Academic Term Code,CS,N
CRSC,9.16,seid,SEID,CS,N
CRSC,9.17,staff_id,Local Staff ID,CS,N
CRSC,9.18,class_id,Class ID,CS,N
CRSC,9.19,nsil_code,Course Section Instructional Level Code,CS,N
CRSC,9.20,service_code,Education Service Code,CS,N
CRSC,9.21,instruction_language,Language of Instruction Code,CS,N
CRSC,9.22,instruction_strategy,Instructional Strategy Code,CS,N
CRSC,9.23,independent_study,Independent Study Indicator,CS,N
CRSC,9.24,distance_learning,Distance Learning Indicator,CS,N
CRSC,9.25,multiple_teacher,Multiple Teacher Code,CS,N
CRSC,9.26,funding_source,Education Program Funding Source Code,CS,N
CRSC,9.27,cte_provider,CTE Course Section Provider Code,CS,N
CRSC,9.28,content_subcategory,Course Content Area Subcategory Code,CS,N
CRSC,9.29,grade_range,CRS-Departmentalized Course Standards Grade Level Range Code,CS,N
CRSC,9.30,standards_alignment,CRS-Content Standards Alignment Code,CS,N
CRSC,9.31,charter_non_core,Charter Non-Core Non-College Prep Course Indicator,CS,N
CRSC,9.32,ap_ib_cross_ref,AP IB Course Code Cross Reference,CS,N
CRSC,9.33,online_instruction,Online Course Instruction Type Code,CS,N
CRSC,9.34,middle_school_core,Middle School Core Course Indicator,CS,N
CRSC,9.35,local_assignment,Local Assignment Option Code,CS,N
CRSC,9.36,high_quality_cte,High Quality CTE Course Indicator,CS,N
SCSC,10.01,record_type,Record Type Code,CS,Y
SCSC,10.02,transaction_type,Transaction Type Code,CS,N
SCSC,10.03,local_record_id,Local Record ID,CS,N
SCSC,10.04,reporting_lea,Reporting LEA,CS,N
SCSC,10.05,school_code,School of Course Delivery,CS,Y
SCSC,10.06,academic_year,Academic Year ID,CS,Y
SCSC,10.07,ssid,SSID,CS,N
SCSC,10.08,student_id,Local Student ID,CS,Y
SCSC,10.09,first_name,Student Legal First Name,CS,N
SCSC,10.10,last_name,Student Legal Last Name,CS,N
SCSC,10.11,birth_date,Student Birth Date,DT,N
SCSC,10.12,gender,Student Gender Code,CS,N
SCSC,10.13,local_course_id,Local Course ID,CS,Y
SCSC,10.14,section_id,Course Section ID,CS,Y
SCSC,10.15,term_code,Academic Term Code,CS,Y
SCSC,10.16,credits_attempted,Student Credits Attempted,NU,N
SCSC,10.17,credits_earned,Student Credits Earned,NU,N
SCSC,10.18,mark,Student Course Final Grade,CS,N
SCSC,10.19,ag_area,UC CSU Admission Requirement Code,CS,N
SCSC,10.20,marking_period,Marking Period Code,CS,N
SELA,12.01,record_type,Record Type Code,CS,Y
SELA,12.02,transaction_type,Transaction Type Code,CS,N
SELA,12.03,local_record_id,Local Record ID,CS,N
SELA,12.04,reporting_lea,Reporting LEA,CS,N
SELA,12.05,school_code,School of Attendance,CS,Y
SELA,12.06,academic_year,Academic Year ID,CS,Y
SELA,12.07,ssid,SSID,CS,N
SELA,12.08,first_name,Student Legal First Name,CS,N
SELA,12.09,last_name,Student Legal Last Name,CS,N
SELA,12.10,birth_date,Student Birth Date,DT,N
SELA,12.11,gender,Student Gender Code,CS,N
SELA,12.12,student_id,Local Student ID,CS,Y
SELA,12.13,el_status,English Language Acquisition Status Code,CS,Y
SELA,12.14,el_status_date,English Language Acquisition Status Start Date,DT,N
SELA,12.15,primary_language,Primary Language Code,CS,N
)agmon_layout";

constexpr BuiltinLayout kBuiltins[] = {
    {"v12", kV12},
};

}  // namespace

std::vector<std::string> builtin_calpads_layout_versions() {
  std::vector<std::string> out;
  for (const BuiltinLayout& b : kBuiltins) out.emplace_back(b.version);
  return out;
}

std::string_view builtin_calpads_layout_csv(std::string_view version) {
  for (const BuiltinLayout& b : kBuiltins) {
    if (b.version == version) return b.csv;
  }
  return {};
}

}  // namespace agmon::ingest
