#include "feedarchiver/normalize/dates.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
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

namespace feedarchiver::normalize {
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
};

std::optional<Timestamp> build(const Fields& f) {
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
  return Timestamp{chr::sys_days{ymd}} + chr::hours{f.hour} + chr::minutes{f.minute} +
         chr::seconds{second} + chr::milliseconds{f.millis} - chr::minutes{f.offset_minutes};
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
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
    while (!done() && is_space(s_[pos_])) ++pos_;
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

  /// Reads a run of ASCII letters (lower-cased).
  std::string word() {
    std::string w;
    while (!done() && is_alpha(s_[pos_])) w.push_back(to_lower(s_[pos_++]));
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

std::optional<int> named_zone(std::string_view lower) {
  for (const auto& z : kZones) {
    if (z.name == lower) return z.offset_minutes;
  }
  // RFC 822 military zones: their signs were defined backwards and nobody trusts them, so
  // RFC 2822 says to read them as -0000. J is not a zone.
  if (lower.size() == 1 && lower[0] != 'j') return 0;
  return std::nullopt;
}

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
      const auto mm = sc.digits(2, 2);
      if (!mm) return std::nullopt;
      minutes = *mm;
    }
  } else {
    hours = *value / 100;
    minutes = *value % 100;
  }
  if (hours > 23 || minutes > 59) return std::nullopt;
  const int total = hours * 60 + minutes;
  return sign == '-' ? -total : total;
}

/// After a time: nothing, "Z", an offset, or a zone name optionally followed by an offset
/// ("GMT+8"). Spaces before the zone are allowed. Must consume the rest of the input.
bool read_trailing_zone(Scanner& sc, Fields& f) {
  sc.skip_spaces();
  if (sc.done()) return true;
  if (auto off = read_offset(sc)) {
    f.offset_minutes = *off;
  } else if (is_alpha(sc.peek())) {
    const auto zone = named_zone(sc.word());
    if (!zone) return false;
    f.offset_minutes = *zone;
    if (auto extra = read_offset(sc)) f.offset_minutes += *extra;
  } else {
    return false;
  }
  sc.skip_spaces();
  return sc.done();
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

std::optional<Timestamp> parse_digits(std::string_view s) {
  long long value = 0;
  for (char c : s) value = value * 10 + (c - '0');  // at most 13 digits: cannot overflow
  switch (s.size()) {
    case 4:
      return build(Fields{.year = static_cast<int>(value)});
    case 8:
      return build(Fields{.year = static_cast<int>(value / 10000),
                          .month = static_cast<int>(value / 100 % 100),
                          .day = static_cast<int>(value % 100)});
    case 10:
      return Timestamp{chr::seconds{value}};
    case 13:
      return Timestamp{chr::milliseconds{value}};
    default:
      return std::nullopt;
  }
}

// ---- ISO 8601 / RFC 3339 / W3C-DTF ---------------------------------------------------------

std::optional<Timestamp> parse_iso(std::string_view s) {
  Scanner sc(s);
  Fields f;
  f.year = *sc.digits(4, 4);  // the caller checked the four digits
  const char sep = sc.peek();
  sc.advance();
  const auto month = sc.digits(1, 2);
  if (!month) return std::nullopt;
  f.month = *month;
  if (sc.done()) return build(f);  // "2023-11"
  if (!sc.eat(sep)) return std::nullopt;
  const auto day = sc.digits(1, 2);
  if (!day) return std::nullopt;
  f.day = *day;
  if (sc.done()) return build(f);  // "2023-11-26"
  if (!sc.eat('T') && !sc.eat('t') && !sc.skip_spaces()) return std::nullopt;
  sc.skip_spaces();
  if (!read_clock(sc, f)) return std::nullopt;
  if (!read_trailing_zone(sc, f)) return std::nullopt;
  return build(f);
}

// ---- CJK: 2023年10月5日 11:15 ---------------------------------------------------------------

bool eat_any(Scanner& sc, std::initializer_list<std::string_view> options) {
  for (auto o : options) {
    if (sc.eat(o)) return true;
  }
  return false;
}

std::optional<Timestamp> parse_cjk(std::string_view s) {
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
  if (sc.done()) return build(f);
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
  if (!read_trailing_zone(sc, f)) return std::nullopt;
  return build(f);
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

struct Number {
  int value;
  int digits;
};

std::optional<Timestamp> parse_rfc822(std::string_view s) {
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
    if (is_space(c) || c == ',') {
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
    if (is_alpha(c)) {
      const std::string w = sc.word();
      if (auto m = month_number(w)) {
        if (month) return std::nullopt;
        month = m;
      } else if (is_weekday(w)) {
        // ignored: feeds get it wrong often enough that checking it would lose dates
      } else if (w == "am" || w == "pm") {
        if (!have_time || meridiem != Meridiem::none) return std::nullopt;
        meridiem = w == "am" ? Meridiem::am : Meridiem::pm;
      } else if (auto zone = named_zone(w)) {
        if (have_zone) {
          if (w.size() == 1) continue;  // a stray military letter after a real zone
          return std::nullopt;
        }
        f.offset_minutes = *zone;
        have_zone = true;
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
  return build(f);
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

std::optional<Timestamp> parse_date(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty() || s.size() > 200) return std::nullopt;  // no real date is that long

  bool all_digits = true;
  for (char c : s) all_digits = all_digits && is_digit(c);
  if (all_digits) return parse_digits(s);

  const bool four_digits =
      s.size() > 4 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]);
  if (four_digits && (s[4] == '-' || s[4] == '/')) return parse_iso(s);
  if (four_digits && (s.substr(4).starts_with("年") || s.substr(4).starts_with("년"))) {
    return parse_cjk(s);
  }
  return parse_rfc822(s);
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

}  // namespace feedarchiver::normalize
