#include "feedarchiver/dates.hpp"

#include "feedarchiver/ascii.hpp"
#include "feedarchiver/utf8.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Three front ends share one validator (`build`):
//   * all digits: epoch seconds (10), epoch milliseconds (13), YYYY (4), YYYYMMDD (8);
//   * YYYY followed by '-' or '/': ISO 8601 / RFC 3339 / W3C-DTF;
//   * YYYY followed by 年 or 년: CJK dates;
//   * anything else: RFC 822/1123/2822 and its many variants, read as tokens.
// Every loop consumes input or returns, so no input can make it spin; every field is checked
// against its range before any arithmetic, so nothing wraps.

namespace feedarchiver {
namespace {

namespace chr = std::chrono;

constexpr int kMaxOffsetMinutes = 23 * 60 + 59;

struct Fields {
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;
  int offset_minutes = 0;  // local time = UTC + offset
  bool has_zone = false;   // false: the wall clock of DateOptions::zone
  bool us_dst = false;     // a US zone named without S/D ("ET"): +1 h while US DST is in force
};

/// The n-th (1-based; 0 = last) Sunday of `month` in `year`.
chr::sys_days nth_sunday(int year, unsigned month, unsigned n) {
  if (n == 0) {
    const chr::sys_days last{chr::year{year} / chr::month{month} / chr::last};
    return last - (chr::weekday{last} - chr::Sunday);
  }
  return chr::sys_days{chr::year{year} / chr::month{month} / (chr::Sunday[n])};
}

/// True when a wall-clock reading in standard time falls in US daylight saving time (from
/// 02:00 on its first day to 01:00 standard time on its last, the rules since 1967).
bool in_us_dst(int year, chr::sys_days day, int hour) {
  chr::sys_days start;
  chr::sys_days end;
  if (year >= 2007) {
    start = nth_sunday(year, 3, 2);
    end = nth_sunday(year, 11, 1);
  } else if (year >= 1987) {
    start = nth_sunday(year, 4, 1);
    end = nth_sunday(year, 10, 0);
  } else if (year >= 1967) {
    start = nth_sunday(year, 4, 0);
    end = nth_sunday(year, 10, 0);
  } else {
    return false;
  }
  if (day < start || day > end) return false;
  if (day == start) return hour >= 2;
  if (day == end) return hour < 1;
  return true;
}

std::optional<Timestamp> build(const Fields& f, const DateOptions& options) {
  if (f.year < 1 || f.year > 9999 || f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 ||
      f.hour < 0 || f.hour > 23 || f.minute < 0 || f.minute > 59 || f.second < 0 || f.second > 60 ||
      f.millis < 0 || f.millis > 999 || f.offset_minutes < -kMaxOffsetMinutes ||
      f.offset_minutes > kMaxOffsetMinutes) {
    return std::nullopt;
  }
  const chr::year_month_day ymd{chr::year{f.year}, chr::month{static_cast<unsigned>(f.month)},
                                chr::day{static_cast<unsigned>(f.day)}};
  if (!ymd.ok()) return std::nullopt;                 // Feb 30, Apr 31, Feb 29 of a common year
  const int second = f.second == 60 ? 59 : f.second;  // a leap second is clamped, not wrapped
  const Timestamp wall = Timestamp{chr::sys_days{ymd}} + chr::hours{f.hour} +
                         chr::minutes{f.minute} + chr::seconds{second} +
                         chr::milliseconds{f.millis};
  if (f.has_zone) {
    const bool dst = f.us_dst && in_us_dst(f.year, chr::sys_days{ymd}, f.hour);
    return wall - chr::minutes{f.offset_minutes + (dst ? 60 : 0)};
  }
  const chr::local_seconds local{chr::floor<chr::seconds>(wall).time_since_epoch()};
  return wall - chr::seconds{options.zone.offset_for_local(local)};
}

/// Sets year, month and day from a day count (week and ordinal dates).
void set_day(Fields& f, chr::sys_days days) {
  const chr::year_month_day ymd{days};
  f.year = static_cast<int>(ymd.year());
  f.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  f.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
}

/// ISO week date: week 1 holds January 4th; day 1 is Monday. False when out of range.
bool set_week_date(Fields& f, int year, int week, int weekday) {
  if (year < 1 || year > 9999 || week < 1 || week > 53 || weekday < 1 || weekday > 7) {
    return false;
  }
  const chr::sys_days jan4{chr::year{year} / 1 / 4};
  const auto monday1 = jan4 - chr::days{chr::weekday{jan4}.iso_encoding() - 1};
  const auto day = monday1 + chr::days{(week - 1) * 7 + (weekday - 1)};
  if (week == 53) {  // only years with 53 weeks: week 53's Thursday is still in `year`
    const chr::year_month_day thursday{monday1 + chr::days{52 * 7 + 3}};
    if (static_cast<int>(thursday.year()) != year) return false;
  }
  set_day(f, day);
  return true;
}

/// Ordinal date: day 1..365 (366 in leap years) of `year`.
bool set_ordinal_date(Fields& f, int year, int ordinal) {
  if (year < 1 || year > 9999 || ordinal < 1) return false;
  const chr::year y{year};
  if (ordinal > (y.is_leap() ? 366 : 365)) return false;
  set_day(f, chr::sys_days{y / 1 / 1} + chr::days{ordinal - 1});
  return true;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/// A cursor over the input; every read either consumes or leaves the position unchanged.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  bool done() const { return pos_ >= s_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }
  void advance(std::size_t n = 1) { pos_ = pos_ + n < s_.size() ? pos_ + n : s_.size(); }

  bool eat(char c) {
    if (done() || s_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  bool eat(std::string_view literal) {
    if (s_.substr(pos_, literal.size()) != literal) return false;
    pos_ += literal.size();
    return true;
  }
  bool skip_spaces() {
    const std::size_t start = pos_;
    while (!done() && is_c_space(s_[pos_])) ++pos_;
    return pos_ != start;
  }

  /// Reads between `min` and `max` digits; nothing is consumed when fewer than `min` follow.
  std::optional<int> digits(int min, int max, int* count = nullptr) {
    int value = 0;
    int n = 0;
    while (n < max && is_digit(peek(static_cast<std::size_t>(n)))) {
      value = value * 10 + (peek(static_cast<std::size_t>(n)) - '0');
      ++n;
    }
    if (n < min) return std::nullopt;
    pos_ += static_cast<std::size_t>(n);
    if (count != nullptr) *count = n;
    return value;
  }

  /// Reads a run of letters, ASCII (lower-cased) or any non-ASCII byte (as written).
  std::string name() {
    std::string w;
    while (!done() && (is_alpha(s_[pos_]) || static_cast<unsigned char>(s_[pos_]) >= 0x80)) {
      w.push_back(ascii_lower(s_[pos_++]));
    }
    return w;
  }

  /// Reads a run of ASCII letters (lower-cased).
  std::string word() {
    std::string w;
    while (!done() && is_alpha(s_[pos_])) w.push_back(ascii_lower(s_[pos_++]));
    return w;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

struct NamedZone {
  std::string_view name;
  int offset_minutes;
};

// RFC 822 names plus a few that feeds use in the wild. Ambiguous names (IST, CST as China)
// follow the RFC or are left out.
constexpr std::array<NamedZone, 33> kZones{{
    {"ut", 0},     {"utc", 0},     {"gmt", 0},     {"z", 0},      {"wet", 0},    {"west", 60},
    {"bst", 60},   {"cet", 60},    {"cest", 120},  {"met", 60},   {"mest", 120}, {"eet", 120},
    {"eest", 180}, {"msk", 180},   {"hkt", 480},   {"sgt", 480},  {"awst", 480}, {"jst", 540},
    {"kst", 540},  {"aest", 600},  {"aedt", 660},  {"nzst", 720}, {"nzdt", 780}, {"est", -300},
    {"edt", -240}, {"cst", -360},  {"cdt", -300},  {"mst", -420}, {"mdt", -360}, {"pst", -480},
    {"pdt", -420}, {"akst", -540}, {"akdt", -480},
}};

// US zones named without S or D ("ET", "PT"): standard offsets, DST by the date (Fields).
constexpr std::array<NamedZone, 5> kUsGenericZones{
    {{"et", -300}, {"ct", -360}, {"mt", -420}, {"pt", -480}, {"at", -240}}};

constexpr std::array<NamedZone, 3> kMoreZones{{{"ast", -240}, {"adt", -180}, {"hst", -600}}};

std::optional<int> us_generic_zone(std::string_view lower) {
  for (const auto& z : kUsGenericZones) {
    if (z.name == lower) return z.offset_minutes;
  }
  return std::nullopt;
}

std::optional<int> named_zone(std::string_view lower, const DateOptions& options) {
  if (lower == "cst" && options.cst_is_china) return 480;
  for (const auto& z : kMoreZones) {
    if (z.name == lower) return z.offset_minutes;
  }
  for (const auto& z : kZones) {
    if (z.name == lower) return z.offset_minutes;
  }
  // RFC 822 military zones: their signs were defined backwards and nobody trusts them, so
  // RFC 2822 says to read them as -0000. J is not a zone.
  if (lower.size() == 1 && lower[0] != 'j') return 0;
  return std::nullopt;
}

// Zone names Chinese, Japanese and Korean sites write after a date, often in parentheses.
constexpr std::array<NamedZone, 12> kCjkZones{{
    {"北京时间", 480},
    {"北京時間", 480},
    {"香港时间", 480},
    {"香港時間", 480},
    {"台北时间", 480},
    {"台北時間", 480},
    {"台湾时间", 480},
    {"台灣時間", 480},
    {"日本時間", 540},
    {"東京時間", 540},
    {"한국시간", 540},
    {"한국 시간", 540},
}};

// Weekday names that may follow a CJK or slashed date ("2023/10/05 星期四", "(木)").
constexpr std::array<std::string_view, 21> kCjkWeekdayNames{
    "一", "二", "三", "四", "五", "六", "日", "天", "月", "火", "水",
    "木", "金", "土", "월", "화", "수", "목", "금", "토", "일"};

/// "+08:00", "+0800", "+08", "+8", "-0500", "+800". The sign must be at the cursor.
std::optional<int> read_offset(Scanner& sc) {
  const char sign = sc.peek();
  if (sign != '+' && sign != '-') return std::nullopt;
  if (!is_digit(sc.peek(1))) return std::nullopt;
  sc.advance();
  int count = 0;
  const auto value = sc.digits(1, 4, &count);
  if (!value) return std::nullopt;
  int hours = 0;
  int minutes = 0;
  if (count <= 2) {
    hours = *value;
    if (sc.eat(':')) {
      int digits = 0;
      const auto mm = sc.digits(1, 2, &digits);
      if (!mm || (digits == 1 && !sc.done())) return std::nullopt;
      minutes = digits == 1 ? *mm * 10 : *mm;  // "+00:0", "+05:3": cut off at the end
    }
  } else {
    hours = *value / 100;
    minutes = *value % 100;
  }
  if (hours > 23 || minutes > 59) return std::nullopt;
  const int total = hours * 60 + minutes;
  return sign == '-' ? -total : total;
}

/// The zone a word names, `word` having been read at the cursor: a named zone, a US zone
/// without S/D (`us_dst` set), or "Etc/GMT-8" (POSIX signs: Etc/GMT-8 is UTC+8), whose
/// rest is consumed here. nullopt for any other word.
std::optional<int> zone_of_word(Scanner& sc, std::string_view word, bool& us_dst,
                                const DateOptions& options) {
  us_dst = false;
  if (word == "etc" && sc.peek() == '/') {
    Scanner probe = sc;
    probe.advance();
    const std::string base = probe.word();
    if (base != "gmt" && base != "utc" && base != "uct" && base != "ut") return std::nullopt;
    int minutes = 0;
    if (probe.peek() == '+' || probe.peek() == '-') {
      const auto off = read_offset(probe);
      if (!off) return std::nullopt;
      minutes = -*off;
    }
    sc = probe;
    return minutes;
  }
  if (auto us = us_generic_zone(word)) {
    us_dst = true;
    return us;
  }
  return named_zone(word, options);
}

/// A CJK zone name at the cursor ("北京时间"), consumed.
std::optional<int> read_cjk_zone(Scanner& sc) {
  for (const auto& z : kCjkZones) {
    if (sc.eat(z.name)) return z.offset_minutes;
  }
  return std::nullopt;
}

/// A CJK weekday at the cursor ("星期四", "周日", "木曜日", "목요일", "(木)", "（四）"), consumed.
bool eat_cjk_weekday(Scanner& sc) {
  Scanner probe = sc;
  const bool paren = probe.eat('(') || probe.eat("（");
  bool prefixed = false;
  for (std::string_view p : {"星期", "礼拜", "禮拜", "周", "週"}) {
    if (probe.eat(p)) {
      prefixed = true;
      break;
    }
  }
  bool named = false;
  for (auto n : kCjkWeekdayNames) {
    if (probe.eat(n)) {
      named = true;
      break;
    }
  }
  if (!named) return false;
  bool suffixed = false;
  for (std::string_view x : {"曜日", "曜", "요일"}) {
    if (probe.eat(x)) {
      suffixed = true;
      break;
    }
  }
  if (paren && !(probe.eat(')') || probe.eat("）"))) return false;
  if (!prefixed && !suffixed && !paren) return false;  // a bare 日 or 月 is not a weekday
  sc = probe;
  return true;
}

/// `f.hour` read on a 12-hour clock: 1 = morning (AM, 오전, 上午), 2 = afternoon. False for
/// an hour that a 12-hour clock does not show.
bool apply_meridiem(Fields& f, int meridiem) {
  if (meridiem == 0) return true;
  if (f.hour < 1 || f.hour > 12) return f.hour == 0 && meridiem == 1;
  if (meridiem == 2 && f.hour < 12) f.hour += 12;
  if (meridiem == 1 && f.hour == 12) f.hour = 0;
  return true;
}

/// A CJK or Korean morning/afternoon word at the cursor, consumed: 1 morning, 2 afternoon,
/// 0 none.
int eat_cjk_meridiem(Scanner& sc) {
  for (std::string_view w : {"上午", "早上", "午前", "오전"}) {
    if (sc.eat(w)) return 1;
  }
  for (std::string_view w : {"下午", "晚上", "午後", "오후"}) {
    if (sc.eat(w)) return 2;
  }
  return 0;
}

/// After a time: nothing, "Z", an offset, a zone name optionally followed by an offset
/// ("GMT+8", "UTC+08:00"), a CJK zone name, or a parenthesized comment or zone ("(北京时间)",
/// "(UTC)"). Spaces between are allowed. Must consume the rest of the input.
bool read_trailing_zone(Scanner& sc, Fields& f, const DateOptions& options) {
  bool have_zone = false;
  auto set_zone = [&](int minutes) {
    if (have_zone) return;  // the first zone wins; a comment repeating it changes nothing
    f.offset_minutes = minutes;
    f.has_zone = true;
    have_zone = true;
  };
  for (int guard = 0; guard < 8; ++guard) {
    sc.skip_spaces();
    if (sc.done()) return true;
    if (!have_zone) {
      if (auto off = read_offset(sc)) {
        set_zone(*off);
        continue;
      }
    }
    if (is_alpha(sc.peek())) {
      const std::string word = sc.word();
      if (!have_zone && !f.has_zone && (word == "am" || word == "pm")) {  // "11:15 PM"
        if (!apply_meridiem(f, word == "am" ? 1 : 2)) return false;
        continue;
      }
      if (have_zone) return false;
      bool us_dst = false;
      const auto zone = zone_of_word(sc, word, us_dst, options);
      if (!zone) return false;
      int minutes = *zone;
      if (auto extra = read_offset(sc)) minutes += *extra;
      set_zone(minutes);
      f.us_dst = us_dst;
      continue;
    }
    if (auto cjk = read_cjk_zone(sc)) {
      set_zone(*cjk);
      continue;
    }
    if (eat_cjk_weekday(sc)) continue;
    const bool ascii_paren = sc.peek() == '(';
    if (ascii_paren || sc.eat("（")) {
      if (ascii_paren) sc.advance();
      sc.skip_spaces();
      if (auto cjk = read_cjk_zone(sc)) {
        set_zone(*cjk);
      } else if (is_alpha(sc.peek())) {
        if (auto zone = named_zone(sc.word(), options)) set_zone(*zone);
      }
      sc.skip_spaces();
      if (!(sc.eat(')') || sc.eat("）"))) return false;
      continue;
    }
    return false;
  }
  return false;
}

/// ".128", ",5", ".123456789": kept to milliseconds (truncated, not rounded).
bool read_fraction(Scanner& sc, Fields& f) {
  if (!((sc.peek() == '.' || sc.peek() == ',') && is_digit(sc.peek(1)))) return true;
  sc.advance();
  int scale = 100;
  while (is_digit(sc.peek())) {
    f.millis += (sc.peek() - '0') * scale;
    scale /= 10;
    sc.advance();
  }
  return true;
}

/// "19:34", "19:34:51", "19:34:51.128" (hour 1-2 digits; minutes and seconds 2 digits).
bool read_clock(Scanner& sc, Fields& f) {
  const auto hh = sc.digits(1, 2);
  if (!hh || !sc.eat(':')) return false;
  const auto mm = sc.digits(2, 2);
  if (!mm) return false;
  f.hour = *hh;
  f.minute = *mm;
  if (sc.peek() == ':') {
    sc.advance();
    const auto ss = sc.digits(2, 2);
    if (!ss) return false;
    f.second = *ss;
    read_fraction(sc, f);
  }
  return !is_digit(sc.peek());
}

// ---- all digits ------------------------------------------------------------------------

std::optional<Timestamp> parse_digits(std::string_view s, const DateOptions& options) {
  if (s.size() > 13) return std::nullopt;  // no shape below is longer (fuzz: overflow)
  long long value = 0;
  for (char c : s) value = value * 10 + (c - '0');  // at most 13 digits: cannot overflow
  switch (s.size()) {
    case 4:
      return build(Fields{.year = static_cast<int>(value)}, options);
    case 6:  // YYMMDD, ISO 8601's two-digit year, in this century
      return build(Fields{.year = 2000 + static_cast<int>(value / 10000),
                          .month = static_cast<int>(value / 100 % 100),
                          .day = static_cast<int>(value % 100)},
                   options);
    case 7: {  // YYYYDDD, the basic ordinal date
      Fields f;
      if (!set_ordinal_date(f, static_cast<int>(value / 1000), static_cast<int>(value % 1000))) {
        return std::nullopt;
      }
      return build(f, options);
    }
    case 8:
      return build(Fields{.year = static_cast<int>(value / 10000),
                          .month = static_cast<int>(value / 100 % 100),
                          .day = static_cast<int>(value % 100)},
                   options);
    case 10:
      return Timestamp{chr::seconds{value}};
    case 13:
      return Timestamp{chr::milliseconds{value}};
    default:
      return std::nullopt;
  }
}

// ---- ISO 8601 / RFC 3339 / W3C-DTF ---------------------------------------------------------

/// The time and zone after an ISO date: "T19:34:51Z", " 19:34 +08:00", " 星期四", "".
std::optional<Timestamp> finish_iso(Scanner& sc, Fields& f, const DateOptions& options) {
  if (sc.done()) return build(f, options);
  const bool t = sc.eat('T') || sc.eat('t');
  sc.skip_spaces();
  if (!t) eat_cjk_weekday(sc);  // "2023/10/05 星期四 11:15"
  sc.skip_spaces();
  const int meridiem = t ? 0 : eat_cjk_meridiem(sc);  // "2004-05-25 오후 11:23:17"
  sc.skip_spaces();
  if (!t && !is_digit(sc.peek())) {  // no time: only a zone, a comment or a weekday may follow
    if (meridiem != 0 || !read_trailing_zone(sc, f, options)) return std::nullopt;
    return build(f, options);
  }
  const bool extended = is_digit(sc.peek(1)) ? sc.peek(2) == ':' : sc.peek(1) == ':';
  if (extended) {
    if (!read_clock(sc, f)) return std::nullopt;
  } else {  // basic: hhmm[ss][.fff]
    const auto hh = sc.digits(2, 2);
    const auto mm = sc.digits(2, 2);
    if (!hh || !mm) return std::nullopt;
    f.hour = *hh;
    f.minute = *mm;
    if (auto ss = sc.digits(2, 2)) f.second = *ss;
    read_fraction(sc, f);
    if (is_digit(sc.peek())) return std::nullopt;
  }
  if (!apply_meridiem(f, meridiem)) return std::nullopt;
  if (!read_trailing_zone(sc, f, options)) return std::nullopt;
  return build(f, options);
}

std::optional<int> month_of_name(std::string_view word);

std::optional<Timestamp> parse_iso(std::string_view s, const DateOptions& options) {
  Scanner sc(s);
  Fields f;
  f.year = *sc.digits(4, 4);  // the caller checked the four digits
  const char sep = sc.peek();
  sc.advance();
  // Korean and Hungarian write "2023. 10. 5." and "2023. október 5.": spaces after a dot.
  const auto after_separator = [&] {
    if (sep == '.') sc.skip_spaces();
  };
  after_separator();
  if (!is_digit(sc.peek()) && sc.peek() != 'W' && sc.peek() != 'w') {
    // A month name: "2004-július-13T9:15-05:00", "2023. október 5. 11:15", "2023-Oct-05".
    const auto named = month_of_name(sc.name());
    if (!named) return std::nullopt;
    f.month = *named;
    if (!sc.eat(sep) && !sc.skip_spaces()) return std::nullopt;
    after_separator();
    const auto day = sc.digits(1, 2);
    if (!day || is_digit(sc.peek())) return std::nullopt;
    f.day = *day;
    if (sep == '.') sc.eat('.');
    return finish_iso(sc, f, options);
  }
  if (sep == '-' && (sc.peek() == 'W' || sc.peek() == 'w')) {  // 2023-W40-4
    sc.advance();
    const auto week = sc.digits(2, 2);
    if (!week) return std::nullopt;
    int weekday = 1;
    if (sc.eat('-')) {
      const auto d = sc.digits(1, 1);
      if (!d) return std::nullopt;
      weekday = *d;
    }
    if (is_digit(sc.peek()) || !set_week_date(f, f.year, *week, weekday)) return std::nullopt;
    return finish_iso(sc, f, options);
  }
  int count = 0;
  const auto month = sc.digits(1, 3, &count);
  if (!month) return std::nullopt;
  if (count == 3) {  // 2023-278, the ordinal date
    if (sep != '-' || is_digit(sc.peek()) || !set_ordinal_date(f, f.year, *month)) {
      return std::nullopt;
    }
    return finish_iso(sc, f, options);
  }
  f.month = *month;
  if (sc.done()) return build(f, options);  // "2023-11"
  if (!sc.eat(sep)) return std::nullopt;
  after_separator();
  const auto day = sc.digits(1, 2);
  if (!day) return std::nullopt;
  f.day = *day;
  if (is_digit(sc.peek())) return std::nullopt;
  if (sep == '.') sc.eat('.');  // "2023. 10. 5. 오후 3:15:00"
  return finish_iso(sc, f, options);
}

/// Basic ISO 8601: "20231005T111500Z", "20231005T1115+0800", "2023W404T11:15", "2023278T…".
std::optional<Timestamp> parse_iso_basic(std::string_view s, const DateOptions& options) {
  Scanner sc(s);
  Fields f;
  const int year = *sc.digits(4, 4);
  if (sc.eat('W') || sc.eat('w')) {
    const auto week = sc.digits(2, 2);
    if (!week) return std::nullopt;
    const auto d = sc.digits(1, 1);
    if (is_digit(sc.peek()) || !set_week_date(f, year, *week, d ? *d : 1)) return std::nullopt;
    return finish_iso(sc, f, options);
  }
  int count = 0;
  const auto rest = sc.digits(3, 4, &count);
  if (!rest) return std::nullopt;
  if (count == 3) {
    if (!set_ordinal_date(f, year, *rest)) return std::nullopt;
  } else {
    f.year = year;
    f.month = *rest / 100;
    f.day = *rest % 100;
  }
  if (!(sc.peek() == 'T' || sc.peek() == 't' || is_c_space(sc.peek()))) return std::nullopt;
  return finish_iso(sc, f, options);
}

// ---- CJK: 2023年10月5日 11:15 ---------------------------------------------------------------

bool eat_any(Scanner& sc, std::initializer_list<std::string_view> options) {
  for (auto o : options) {
    if (sc.eat(o)) return true;
  }
  return false;
}

std::optional<Timestamp> parse_cjk(std::string_view s, const DateOptions& options) {
  Scanner sc(s);
  Fields f;
  f.year = *sc.digits(4, 4);
  if (!eat_any(sc, {"年", "년"})) return std::nullopt;
  sc.skip_spaces();
  const auto month = sc.digits(1, 2);
  if (!month || !eat_any(sc, {"月", "월"})) return std::nullopt;
  f.month = *month;
  sc.skip_spaces();
  const auto day = sc.digits(1, 2);
  if (!day) return std::nullopt;
  f.day = *day;
  eat_any(sc, {"日", "일"});
  sc.skip_spaces();
  eat_cjk_weekday(sc);
  sc.skip_spaces();
  if (sc.done()) return build(f, options);
  int meridiem = 0;  // 1 = morning, 2 = afternoon
  if (eat_any(sc, {"上午", "早上", "午前", "오전"})) meridiem = 1;
  if (meridiem == 0 && eat_any(sc, {"下午", "晚上", "午後", "오후"})) meridiem = 2;
  sc.skip_spaces();
  if (!is_digit(sc.peek())) {
    if (meridiem != 0 || !read_trailing_zone(sc, f, options)) return std::nullopt;
    return build(f, options);
  }
  const auto hh = sc.digits(1, 2);
  if (!hh || !eat_any(sc, {":", "：", "时", "時", "点", "點", "시"})) return std::nullopt;
  f.hour = *hh;
  sc.skip_spaces();
  const auto mm = sc.digits(1, 2);
  if (!mm) return std::nullopt;
  f.minute = *mm;
  eat_any(sc, {"分", "분"});
  if (eat_any(sc, {":", "："})) {
    const auto ss = sc.digits(1, 2);
    if (!ss) return std::nullopt;
    f.second = *ss;
    eat_any(sc, {"秒", "초"});
  }
  if (is_digit(sc.peek())) return std::nullopt;
  if (meridiem != 0) {
    if (f.hour > 12) return std::nullopt;
    if (meridiem == 2 && f.hour < 12) f.hour += 12;
    if (meridiem == 1 && f.hour == 12) f.hour = 0;
  }
  if (!read_trailing_zone(sc, f, options)) return std::nullopt;
  return build(f, options);
}

// ---- RFC 822 and friends ----------------------------------------------------------------

constexpr std::array<std::string_view, 12> kMonths{"january",   "february", "march",    "april",
                                                   "may",       "june",     "july",     "august",
                                                   "september", "october",  "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays{"monday", "tuesday",  "wednesday", "thursday",
                                                    "friday", "saturday", "sunday"};

/// "nov", "sept", "november": a prefix of at least three letters.
bool is_prefix_name(std::string_view word, std::string_view full) {
  return word.size() >= 3 && word.size() <= full.size() && full.substr(0, word.size()) == word;
}

std::optional<int> month_number(std::string_view word) {
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (is_prefix_name(word, kMonths[i])) return static_cast<int>(i) + 1;
  }
  return std::nullopt;
}

bool is_weekday(std::string_view word) {
  for (auto d : kWeekdays) {
    if (is_prefix_name(word, d)) return true;
  }
  return false;
}

// Greek and Hungarian month and weekday names, folded (fold_name): lower case, no accents.
// Greek months in the nominative and the genitive ("11 Ιουλίου 2004"); a name matches by a
// prefix of at least three letters that only one month has.
constexpr std::array<std::string_view, 36> kOtherMonths{
    "ιανουαριος", "φεβρουαριος", "μαρτιος",     "απριλιος",  "μαιος",     "ιουνιος",
    "ιουλιος",    "αυγουστος",   "σεπτεμβριος", "οκτωβριος", "νοεμβριος", "δεκεμβριος",
    "ιανουαριου", "φεβρουαριου", "μαρτιου",     "απριλιου",  "μαιου",     "ιουνιου",
    "ιουλιου",    "αυγουστου",   "σεπτεμβριου", "οκτωβριου", "νοεμβριου", "δεκεμβριου",
    "januar",     "februar",     "marcius",     "aprilis",   "majus",     "junius",
    "julius",     "augusztus",   "szeptember",  "oktober",   "november",  "december"};
constexpr std::array<std::string_view, 14> kOtherWeekdays{
    "κυριακη", "δευτερα", "τριτη",  "τεταρτη",   "πεμπτη", "παρασκευη", "σαββατο",
    "hetfo",   "kedd",    "szerda", "csutortok", "pentek", "szombat",   "vasarnap"};

/// `word` (ASCII already lower case) with Greek letters lower-cased and Greek and Latin
/// accents dropped: "Ιούλ" → "ιουλ", "október" → "oktober", "Március" → "marcius".
std::string fold_name(std::string_view word) {
  std::string out;
  for (std::size_t pos = 0; pos < word.size();) {
    char32_t cp = utf8::next_code_point(word, pos);
    if (cp == utf8::kInvalid) return {};
    if (cp >= 0xC0 && cp <= 0x17F) {  // Latin-1 and Latin Extended-A letters: base letter
      static constexpr std::string_view kBase =
          "aaaaaaaceeeeiiiidnooooo*ouuuuyts"   // U+00C0..U+00DF
          "aaaaaaaceeeeiiiidnooooo/ouuuuyty"   // U+00E0..U+00FF
          "aaaaaaccccccccddddeeeeeeeeeegggg"   // U+0100..U+011F
          "gggghhhhiiiiiiiiiijjjjkkklllllll"   // U+0120..U+013F
          "lllnnnnnnnnnoooooooorrrrrrssssss"   // U+0140..U+015F
          "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";  // U+0160..U+017F
      const char base = kBase[cp - 0xC0];
      if (base == '*' || base == '/') return {};
      out.push_back(base);
      continue;
    }
    if (cp >= 0x391 && cp <= 0x3AB) cp += 0x20;  // Greek capitals (Ϊ, Ϋ: ϊ, ϋ)
    switch (cp) {
      case 0x386:
      case 0x3AC:
        cp = 0x3B1;
        break;  // ά
      case 0x388:
      case 0x3AD:
        cp = 0x3B5;
        break;  // έ
      case 0x389:
      case 0x3AE:
        cp = 0x3B7;
        break;  // ή
      case 0x38A:
      case 0x3AF:
      case 0x3CA:
      case 0x390:
        cp = 0x3B9;
        break;  // ί ϊ ΐ
      case 0x38C:
      case 0x3CC:
        cp = 0x3BF;
        break;  // ό
      case 0x38E:
      case 0x3CD:
      case 0x3CB:
      case 0x3B0:
        cp = 0x3C5;
        break;  // ύ ϋ ΰ
      case 0x38F:
      case 0x3CE:
        cp = 0x3C9;
        break;  // ώ
      case 0x3C2:
        cp = 0x3C3;
        break;  // final sigma
      default:
        break;
    }
    utf8::append_utf8(out, cp);
  }
  return out;
}

std::size_t letters_in(std::string_view folded) {
  std::size_t n = 0;
  for (const char c : folded) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

/// True when `folded` is a prefix of `full` at least three letters long.
bool is_folded_prefix(std::string_view folded, std::string_view full) {
  return letters_in(folded) >= 3 && folded.size() <= full.size() &&
         full.substr(0, folded.size()) == folded;
}

/// The month a Greek or Hungarian name gives; nullopt unless exactly one month matches.
std::optional<int> other_month(std::string_view word) {
  const std::string folded = fold_name(word);
  if (folded == "ιον") return 6;  // abbreviations feeds write beside "Ιουν"/"Ιουλ"
  if (folded == "ιολ") return 7;
  std::optional<int> found;
  for (std::size_t i = 0; i < kOtherMonths.size(); ++i) {
    if (!is_folded_prefix(folded, kOtherMonths[i])) continue;
    const int month = static_cast<int>(i % 12) + 1;
    if (found && *found != month) return std::nullopt;
    found = month;
  }
  return found;
}

bool is_other_weekday(std::string_view word) {
  const std::string folded = fold_name(word);
  for (std::string_view day : kOtherWeekdays) {
    if (is_folded_prefix(folded, day)) return true;
  }
  return false;
}

std::optional<int> month_of_name(std::string_view word) {
  if (auto m = month_number(word)) return m;
  return other_month(word);
}

struct Number {
  int value;
  int digits;
};

std::optional<Timestamp> parse_rfc822(std::string_view s, const DateOptions& options) {
  Scanner sc(s);
  Fields f;
  std::optional<int> month;
  std::vector<Number> numbers;
  bool have_time = false;
  bool have_zone = false;
  bool have_offset = false;
  enum class Meridiem { none, am, pm } meridiem = Meridiem::none;
  bool offset_allowed = true;  // at the start of a token, or glued to a time or zone name

  while (!sc.done()) {
    const char c = sc.peek();
    if (is_c_space(c) || c == ',') {
      sc.advance();
      offset_allowed = true;
      continue;
    }
    if (c == '(') {  // RFC 2822 comment, e.g. "+0000 (UTC)"
      while (!sc.done() && sc.peek() != ')') sc.advance();
      if (!sc.eat(')')) return std::nullopt;
      offset_allowed = true;
      continue;
    }
    if ((c == '+' || c == '-') && offset_allowed && is_digit(sc.peek(1)) && have_time) {
      const auto off = read_offset(sc);
      if (!off || have_offset) return std::nullopt;
      f.offset_minutes += *off;  // "GMT+0800" adds to GMT's zero
      f.has_zone = true;
      have_zone = true;
      have_offset = true;
      offset_allowed = false;
      continue;
    }
    if (c == '-' || c == '/' || c == '.') {  // "26-Nov-2023", "Sun." — separators
      sc.advance();
      offset_allowed = false;
      continue;
    }
    if (is_digit(c)) {
      if (is_digit(sc.peek(1)) ? sc.peek(2) == ':' : sc.peek(1) == ':') {
        if (have_time || !read_clock(sc, f)) return std::nullopt;
        have_time = true;
        offset_allowed = true;
        continue;
      }
      int count = 0;
      const auto value = sc.digits(1, 4, &count);
      if (!value || is_digit(sc.peek()) || numbers.size() >= 2) return std::nullopt;
      numbers.push_back({*value, count});
      offset_allowed = false;
      continue;
    }
    if (is_alpha(c) || static_cast<unsigned char>(c) >= 0x80) {
      const std::string w = sc.name();
      bool us_dst = false;
      // English names and zones first: the other languages cost a fold, and are rare.
      if (auto m = month_number(w)) {
        if (month) return std::nullopt;
        month = m;
      } else if (is_weekday(w)) {
        // ignored: feeds get it wrong often enough that checking it would lose dates
      } else if (w == "am" || w == "pm") {
        if (!have_time || meridiem != Meridiem::none) return std::nullopt;
        meridiem = w == "am" ? Meridiem::am : Meridiem::pm;
      } else if (!have_time && (w == "at" || w == "um")) {
        // "October 5, 2023 at 11:15": a word before the time, not Atlantic time
      } else if (auto zone = zone_of_word(sc, w, us_dst, options)) {
        if (have_zone) {
          if (w.size() == 1) continue;  // a stray military letter after a real zone
          return std::nullopt;
        }
        f.offset_minutes = *zone;
        f.us_dst = us_dst;
        f.has_zone = true;
        have_zone = true;
      } else if (auto other = other_month(w)) {  // Greek, Hungarian
        if (month) return std::nullopt;
        month = other;
      } else if (is_other_weekday(w)) {
        // ignored, as above
      } else {
        return std::nullopt;
      }
      offset_allowed = true;
      continue;
    }
    return std::nullopt;  // anything else (non-ASCII, stray symbols) is not a date we know
  }

  if (!month || numbers.size() != 2) return std::nullopt;
  f.month = *month;
  // Day and year: a number of three or more digits is the year; otherwise the order is
  // "26 Nov 23" (day first), as RFC 822 writes it.
  Number day = numbers[0];
  Number year = numbers[1];
  if (day.digits >= 3) std::swap(day, year);
  if (day.digits > 2) return std::nullopt;
  f.day = day.value;
  if (year.digits == 2) {
    f.year = year.value < 50 ? 2000 + year.value : 1900 + year.value;
  } else if (year.digits == 3) {
    f.year = 1900 + year.value;  // RFC 2822 obsolete syntax
  } else if (year.digits == 4) {
    f.year = year.value;
  } else {
    return std::nullopt;
  }
  if (meridiem != Meridiem::none) {
    if (f.hour < 1 || f.hour > 12) return std::nullopt;
    if (meridiem == Meridiem::am && f.hour == 12) f.hour = 0;
    if (meridiem == Meridiem::pm && f.hour != 12) f.hour += 12;
  }
  return build(f, options);
}

// ---- formatting ---------------------------------------------------------------------------

struct Broken {
  int year;
  unsigned month;
  unsigned day;
  long long millis_of_day;
};

Broken break_down(Timestamp t) {
  // Clamp to years 0000..9999 so the calendar arithmetic cannot overflow on hostile input.
  constexpr Timestamp kMin{chr::sys_days{chr::year{0} / 1 / 1}};
  constexpr Timestamp kMax{chr::sys_days{chr::year{10000} / 1 / 1} - chr::milliseconds{1}};
  if (t < kMin) t = kMin;
  if (t > kMax) t = kMax;
  const auto day_point = chr::floor<chr::days>(t);  // floor: 1969-12-31T23:59:59.999Z is right
  const chr::year_month_day ymd{day_point};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()), (t - day_point).count()};
}

std::string format(Timestamp t, bool with_time, bool with_millis) {
  const Broken b = break_down(t);
  std::array<char, 40> buf{};
  int n = 0;
  if (!with_time) {
    n = std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", b.year, b.month, b.day);
  } else {
    const long long ms = b.millis_of_day;
    const int hour = static_cast<int>(ms / 3'600'000);
    const int minute = static_cast<int>(ms / 60'000 % 60);
    const int second = static_cast<int>(ms / 1000 % 60);
    const int milli = static_cast<int>(ms % 1000);
    if (with_millis) {
      n = std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", b.year,
                        b.month, b.day, hour, minute, second, milli);
    } else {
      n = std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02uT%02d:%02d:%02dZ", b.year, b.month,
                        b.day, hour, minute, second);
    }
  }
  return std::string(buf.data(), n > 0 ? static_cast<std::size_t>(n) : 0);
}

}  // namespace

// ---- time zones (TZif, RFC 8536) ----------------------------------------------------------

namespace {

class ByteReader {
 public:
  explicit ByteReader(std::string_view b) : b_(b) {}
  bool has(std::size_t n) const { return b_.size() - pos_ >= n; }
  std::int64_t be(std::size_t n) {  // big-endian signed integer of n bytes (n = 4 or 8)
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(b_[pos_ + i]);
    pos_ += n;
    if (n == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  std::uint8_t byte() { return static_cast<std::uint8_t>(b_[pos_++]); }
  void skip(std::size_t n) { pos_ += n; }
  std::size_t pos() const { return pos_; }

 private:
  std::string_view b_;
  std::size_t pos_ = 0;
};

struct TzifCounts {
  std::size_t isut, isstd, leap, time, type, chars;
};

std::optional<TzifCounts> read_tzif_header(ByteReader& r, char& version) {
  if (!r.has(44)) return std::nullopt;
  std::array<char, 4> magic{};
  for (char& c : magic) c = static_cast<char>(r.byte());
  if (std::string_view(magic.data(), 4) != "TZif") return std::nullopt;
  version = static_cast<char>(r.byte());
  r.skip(15);
  TzifCounts c{};
  for (std::size_t* field : {&c.isut, &c.isstd, &c.leap, &c.time, &c.type, &c.chars}) {
    const std::int64_t v = r.be(4);
    if (v < 0 || v > 100000) return std::nullopt;
    *field = static_cast<std::size_t>(v);
  }
  if (c.type == 0) return std::nullopt;
  return c;
}

std::size_t tzif_block_size(const TzifCounts& c, std::size_t time_size) {
  return c.time * time_size + c.time + c.type * 6 + c.chars + c.leap * (time_size + 4) + c.isstd +
         c.isut;
}

}  // namespace

std::optional<TimeZone> TimeZone::from_tzif(std::string_view bytes, std::string name) {
  ByteReader r(bytes);
  char version = 0;
  auto counts = read_tzif_header(r, version);
  if (!counts) return std::nullopt;
  std::size_t time_size = 4;
  if (version >= '2') {  // skip the 32-bit block; the 64-bit one follows with its own header
    if (!r.has(tzif_block_size(*counts, 4))) return std::nullopt;
    r.skip(tzif_block_size(*counts, 4));
    counts = read_tzif_header(r, version);
    if (!counts) return std::nullopt;
    time_size = 8;
  }
  const TzifCounts c = *counts;
  if (!r.has(tzif_block_size(c, time_size))) return std::nullopt;
  std::vector<std::int64_t> times(c.time);
  for (auto& t : times) t = r.be(time_size);
  std::vector<std::uint8_t> indices(c.time);
  for (auto& i : indices) {
    i = r.byte();
    if (i >= c.type) return std::nullopt;
  }
  std::vector<std::int32_t> utoff(c.type);
  std::vector<bool> isdst(c.type);
  for (std::size_t i = 0; i < c.type; ++i) {
    utoff[i] = static_cast<std::int32_t>(r.be(4));
    isdst[i] = r.byte() != 0;
    r.skip(1);
    if (utoff[i] < -25 * 3600 || utoff[i] > 26 * 3600) return std::nullopt;
  }
  TimeZone zone;
  zone.name_ = std::move(name);
  // Before the first transition: the first standard-time type (RFC 8536 section 3.2).
  zone.initial_offset_ = utoff[0];
  for (std::size_t i = 0; i < c.type; ++i) {
    if (!isdst[i]) {
      zone.initial_offset_ = utoff[i];
      break;
    }
  }
  for (std::size_t i = 0; i < c.time; ++i) {
    if (i > 0 && times[i] <= times[i - 1]) return std::nullopt;
    zone.transitions_.push_back(times[i]);
    zone.offsets_.push_back(utoff[indices[i]]);
  }
  return zone;
}

TimeZone TimeZone::fixed(std::string name, std::int32_t offset_seconds) {
  TimeZone zone;
  zone.name_ = std::move(name);
  zone.initial_offset_ = offset_seconds;
  return zone;
}

std::int32_t TimeZone::offset_at(chr::sys_seconds t) const {
  const std::int64_t s = t.time_since_epoch().count();
  const auto it = std::upper_bound(transitions_.begin(), transitions_.end(), s);
  if (it == transitions_.begin()) return initial_offset_;
  return offsets_[static_cast<std::size_t>(std::distance(transitions_.begin(), it)) - 1];
}

std::int32_t TimeZone::offset_for_local(chr::local_seconds t) const {
  if (transitions_.empty()) return initial_offset_;
  // Guess with the offset in force at the wall-clock reading taken as UTC, then correct once.
  const chr::sys_seconds as_utc{t.time_since_epoch()};
  const std::int32_t guess = offset_at(as_utc);
  const std::int32_t second = offset_at(as_utc - chr::seconds{guess});
  if (second == guess) return guess;
  // Near a transition: prefer an offset that maps back to the same wall clock.
  if (offset_at(as_utc - chr::seconds{second}) == second) return second;
  return std::max(guess, second);  // in a gap: the earlier offset (larger in spring forward)
}

std::optional<TimeZone> fixed_time_zone(std::string_view name) {
  std::string lower;
  for (char c : name) lower.push_back(ascii_lower(c));
  if (lower == "utc" || lower == "gmt" || lower == "z" || lower == "etc/utc") {
    return TimeZone::fixed(std::string(name), 0);
  }
  // "+08:00", "UTC+8", "GMT-0500"
  std::string_view rest = name;
  if (lower.starts_with("utc") || lower.starts_with("gmt")) rest.remove_prefix(3);
  Scanner sc(rest);
  if (auto off = read_offset(sc); off && sc.done()) {
    return TimeZone::fixed(std::string(name), *off * 60);
  }
  return std::nullopt;
}

namespace {

bool digits_at(std::string_view s, std::size_t at, std::size_t n) {
  if (s.size() < at + n) return false;
  for (std::size_t i = at; i < at + n; ++i) {
    if (!is_digit(s[i])) return false;
  }
  return true;
}

/// The text after a leading English weekday ("Thu, ", "Thursday "), when an ISO date
/// follows it ("Thu, 2023/10/05 11:15:00 +0800"); empty otherwise.
std::string_view iso_after_weekday(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_alpha(s[i])) ++i;
  if (i == 0) return {};
  std::size_t start = i;
  while (start < s.size() && (s[start] == '.' || s[start] == ',' || is_c_space(s[start]))) ++start;
  const std::string_view rest = s.substr(start);
  // The ISO date first (cheap, and rare): most dates here are RFC 822 ones.
  if (rest.size() <= 4 || !digits_at(rest, 0, 4) ||
      (rest[4] != '-' && rest[4] != '/' && rest[4] != '.')) {
    return {};
  }
  std::string lower;
  for (const char c : s.substr(0, i)) lower.push_back(ascii_lower(c));
  return is_weekday(lower) ? rest : std::string_view();
}

/// W3C-DTF and ISO 8601 with a two-digit year, in this century as feedparser reads them:
/// "03-12-31", "03-12-31T10:14Z" and "-03-12" (a month). The same text with four digits;
/// empty when `s` is none of these.
std::string widened_two_digit_year(std::string_view s) {
  if (s.size() >= 8 && digits_at(s, 0, 2) && s[2] == '-' && digits_at(s, 3, 2) && s[5] == '-' &&
      digits_at(s, 6, 2) && (s.size() == 8 || s[8] == 'T' || s[8] == 't' || is_c_space(s[8]))) {
    std::string wide = "20";
    wide.append(s);
    return wide;
  }
  if (s.size() == 6 && s[0] == '-' && digits_at(s, 1, 2) && s[3] == '-' && digits_at(s, 4, 2)) {
    std::string wide = "20";
    wide.append(s.substr(1));
    return wide;
  }
  return {};
}

}  // namespace

std::optional<Timestamp> parse_date(std::string_view text, const DateOptions& options) {
  const std::string_view s = trim_c_space(text);
  if (s.empty() || s.size() > 200) return std::nullopt;  // no real date is that long
  if (const std::string_view iso = iso_after_weekday(s); !iso.empty()) {
    return parse_iso(iso, options);
  }
  if (const std::string wide = widened_two_digit_year(s); !wide.empty()) {
    return parse_iso(wide, options);
  }

  bool all_digits = true;
  for (char c : s) all_digits = all_digits && is_digit(c);
  if (all_digits) return parse_digits(s, options);

  const bool four_digits =
      s.size() > 4 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]);
  if (four_digits && (s[4] == '-' || s[4] == '/' || s[4] == '.')) return parse_iso(s, options);
  if (four_digits && (s.substr(4).starts_with("年") || s.substr(4).starts_with("년"))) {
    return parse_cjk(s, options);
  }
  if (four_digits && (is_digit(s[4]) || s[4] == 'W' || s[4] == 'w')) {
    return parse_iso_basic(s, options);
  }
  return parse_rfc822(s, options);
}

std::string format_iso_seconds(Timestamp t) {
  return format(t, true, false);
}

std::string format_iso_millis(Timestamp t) {
  return format(t, true, true);
}

std::string format_ymd(Timestamp t) {
  return format(t, false, false);
}

long long epoch_millis(Timestamp t) {
  return t.time_since_epoch().count();
}

}  // namespace feedarchiver
