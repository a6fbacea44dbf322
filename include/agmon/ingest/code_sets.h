// Code sets and value normalisers shared by the format mappers (formats.md §1; CALPADS code
// sets from reference/formats-research.md §1.10). Each takes a non-blank, trimmed value and
// returns its normalised form, or nullopt when the value is not in the set. The k...List
// strings name the accepted values in messages a data clerk reads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agmon::ingest {

// Surrounding whitespace removed.
std::string_view trim(std::string_view text);
std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);

// Grade level: "7".."12" / "07".."12" / "1".."6" -> two digits; TK KN US UE AD (any case).
std::optional<std::string> normalize_grade_level(std::string_view text);
inline constexpr std::string_view kGradeLevelList = "07-12, TK, KN, 01-06, US, UE, AD";

// Gender: F / M / X.
std::optional<std::string> normalize_gender(std::string_view text);
inline constexpr std::string_view kGenderList = "F, M, X";

// Y/N flag: Y N YES NO TRUE FALSE 1 0 (any case).
std::optional<bool> parse_flag(std::string_view text);
inline constexpr std::string_view kFlagList = "Y or N (also true/false, 1/0)";

// CALPADS race codes, ';'-separated: 100, 201-299, 301-399, 400, 600, 700. Duplicates are
// dropped, order kept; empty pieces ("700;") are ignored. On failure `bad` names the piece.
std::optional<std::vector<int>> parse_race_codes(std::string_view text, std::string* bad);
bool is_race_code(int code);
inline constexpr std::string_view kRaceCodeList = "100, 201-299, 301-399, 400, 600, 700";

// English language acquisition status: EO EL IFEP RFEP TBD.
std::optional<std::string> normalize_el_status(std::string_view text);
inline constexpr std::string_view kElStatusList = "EO, EL, IFEP, RFEP, TBD";

// A calendar date: YYYY-MM-DD, CCYYMMDD or MM/DD/YYYY (M/D/YYYY too) -> YYYY-MM-DD.
// The day must exist (2023-02-29 is refused).
std::optional<std::string> normalize_date(std::string_view text);
inline constexpr std::string_view kDateList = "YYYY-MM-DD, CCYYMMDD or MM/DD/YYYY";

// School year: YYYY-YYYY (consecutive years) or the UC list's YYYY-YY -> YYYY-YYYY.
std::optional<std::string> normalize_school_year(std::string_view text);
inline constexpr std::string_view kSchoolYearList = "YYYY-YYYY, e.g. 2024-2025";

// Term code: S1 S2 FY T1-T3 Q1-Q4 SS (summer; "SU" is read as SS).
std::optional<std::string> normalize_term_code(std::string_view text);
inline constexpr std::string_view kTermCodeList = "S1, S2, FY, T1-T3, Q1-Q4, SS";

// Course mark status: completed / in_progress / withdrawn ("in progress", "IN-PROGRESS" too).
std::optional<std::string> normalize_mark_status(std::string_view text);
inline constexpr std::string_view kMarkStatusList = "completed, in_progress, withdrawn";

// Lower-case code from `allowed`; spaces and hyphens read as '_' ("Visual Arts" ->
// "visual_arts").
std::optional<std::string> normalize_word_code(std::string_view text,
                                               const std::vector<std::string_view>& allowed);
extern const std::vector<std::string_view> kHssTypes;
extern const std::vector<std::string_view> kScienceDisciplines;
extern const std::vector<std::string_view> kVpaDisciplines;
// "a, b, c" from a list, for messages.
std::string join_list(const std::vector<std::string_view>& items);

// Rigor names in any case, with spaces or hyphens for '_' ("UC Honors" -> UC_HONORS).
std::string rigor_key(std::string_view text);

// Program code: CALPADS 3.13 (three digits) or the pseudo-codes SWD FOSTER SED EL.
std::optional<std::string> normalize_program_code(std::string_view text);
inline constexpr std::string_view kProgramCodeList =
    "a 3-digit CALPADS program code, or SWD, FOSTER, SED, EL";

// An integer in [lo, hi] (leading zeros and a sign allowed).
std::optional<int> parse_int_in(std::string_view text, int lo, int hi);
// A decimal number: optional sign, digits, optional '.' and digits ("5", "5.00", ".5", "-1").
std::optional<double> parse_decimal(std::string_view text);
// A CALPADS state course code: exactly 4 digits.
bool is_state_course_code(std::string_view text);

}  // namespace agmon::ingest
