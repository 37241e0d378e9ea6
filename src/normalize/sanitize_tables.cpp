// The sanitizer's allow-lists: which HTML elements are kept, unwrapped or dropped, which
// attributes each keeps and how their values are checked, and the SVG and MathML lists.
#include "normalize/sanitize_internal.hpp"

namespace feedarchiver::normalize::sanitize_internal {
namespace {

// Text, structure, links, images, tables, media, image maps, inert form controls (written
// without name, form or form* attributes, so they never submit anything). Inside a <form>
// (unwrapped) no control but a button survives, as the spec says no form does: an input
// goes, a textarea leaves its text, a select the text of its selected option.
constexpr GumboTag kKept[] = {
    GUMBO_TAG_P,        GUMBO_TAG_BR,         GUMBO_TAG_DIV,      GUMBO_TAG_SPAN,
    GUMBO_TAG_A,        GUMBO_TAG_IMG,        GUMBO_TAG_FIGURE,   GUMBO_TAG_FIGCAPTION,
    GUMBO_TAG_H1,       GUMBO_TAG_H2,         GUMBO_TAG_H3,       GUMBO_TAG_H4,
    GUMBO_TAG_H5,       GUMBO_TAG_H6,         GUMBO_TAG_HGROUP,   GUMBO_TAG_UL,
    GUMBO_TAG_OL,       GUMBO_TAG_LI,         GUMBO_TAG_DL,       GUMBO_TAG_DT,
    GUMBO_TAG_DD,       GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_Q,        GUMBO_TAG_CITE,
    GUMBO_TAG_PRE,      GUMBO_TAG_CODE,       GUMBO_TAG_KBD,      GUMBO_TAG_SAMP,
    GUMBO_TAG_VAR,      GUMBO_TAG_EM,         GUMBO_TAG_STRONG,   GUMBO_TAG_B,
    GUMBO_TAG_I,        GUMBO_TAG_U,          GUMBO_TAG_S,        GUMBO_TAG_STRIKE,
    GUMBO_TAG_SUB,      GUMBO_TAG_SUP,        GUMBO_TAG_SMALL,    GUMBO_TAG_BIG,
    GUMBO_TAG_TT,       GUMBO_TAG_MARK,       GUMBO_TAG_DEL,      GUMBO_TAG_INS,
    GUMBO_TAG_ABBR,     GUMBO_TAG_ACRONYM,    GUMBO_TAG_DFN,      GUMBO_TAG_TIME,
    GUMBO_TAG_DATA,     GUMBO_TAG_BDI,        GUMBO_TAG_BDO,      GUMBO_TAG_ADDRESS,
    GUMBO_TAG_TABLE,    GUMBO_TAG_THEAD,      GUMBO_TAG_TBODY,    GUMBO_TAG_TFOOT,
    GUMBO_TAG_TR,       GUMBO_TAG_TH,         GUMBO_TAG_TD,       GUMBO_TAG_CAPTION,
    GUMBO_TAG_COLGROUP, GUMBO_TAG_COL,        GUMBO_TAG_HR,       GUMBO_TAG_SECTION,
    GUMBO_TAG_ARTICLE,  GUMBO_TAG_HEADER,     GUMBO_TAG_FOOTER,   GUMBO_TAG_ASIDE,
    GUMBO_TAG_MAIN,     GUMBO_TAG_DETAILS,    GUMBO_TAG_SUMMARY,  GUMBO_TAG_AUDIO,
    GUMBO_TAG_VIDEO,    GUMBO_TAG_SOURCE,     GUMBO_TAG_RUBY,     GUMBO_TAG_RT,
    GUMBO_TAG_RP,       GUMBO_TAG_RB,         GUMBO_TAG_RTC,      GUMBO_TAG_WBR,
    GUMBO_TAG_CENTER,   GUMBO_TAG_FONT,       GUMBO_TAG_NAV,      GUMBO_TAG_MENU,
    GUMBO_TAG_DIR,      GUMBO_TAG_MAP,        GUMBO_TAG_AREA,     GUMBO_TAG_TRACK,
    GUMBO_TAG_METER,    GUMBO_TAG_PROGRESS,   GUMBO_TAG_OUTPUT,   GUMBO_TAG_FIELDSET,
    GUMBO_TAG_LEGEND,   GUMBO_TAG_LABEL,      GUMBO_TAG_BUTTON,   GUMBO_TAG_INPUT,
    GUMBO_TAG_SELECT,   GUMBO_TAG_OPTION,     GUMBO_TAG_OPTGROUP, GUMBO_TAG_TEXTAREA,
    GUMBO_TAG_DATALIST, GUMBO_TAG_KEYGEN,     GUMBO_TAG_XMP,      GUMBO_TAG_PLAINTEXT};

// Active content, embedded documents, metadata, what a browser never shows: gone with
// their content. Not here, so unwrapped: <form> (a page may wrap everything in one, as
// ASP.NET does; its controls are written inert, so nothing can submit), <object>/<applet>
// (their children are the fallback a browser without the plugin shows; <param>/<embed>
// among them are dropped), <noscript> (feeds put the real <img> there; gumbo parses its
// content as HTML), <canvas> (its children are its only content without a script). An
// <iframe> is dropped, but its text is parsed as HTML and kept in its place
// (write_iframe_fallback).
constexpr GumboTag kDropped[] = {
    GUMBO_TAG_HEAD,    GUMBO_TAG_TITLE,   GUMBO_TAG_BASE,     GUMBO_TAG_LINK,     GUMBO_TAG_META,
    GUMBO_TAG_STYLE,   GUMBO_TAG_SCRIPT,  GUMBO_TAG_TEMPLATE, GUMBO_TAG_IFRAME,   GUMBO_TAG_EMBED,
    GUMBO_TAG_PARAM,   GUMBO_TAG_FRAME,   GUMBO_TAG_FRAMESET, GUMBO_TAG_NOFRAMES, GUMBO_TAG_NOEMBED,
    GUMBO_TAG_BGSOUND, GUMBO_TAG_ISINDEX, GUMBO_TAG_MENUITEM, GUMBO_TAG_SPACER};

constexpr auto kPolicies = [] {
  std::array<Policy, GUMBO_TAG_LAST + 1> policies{};  // all Policy::unwrap
  for (GumboTag tag : kKept) policies[tag] = Policy::keep;
  for (GumboTag tag : kDropped) policies[tag] = Policy::drop;
  return policies;
}();

// ---- Inline SVG and MathML ---------------------------------------------------------------
// A strict allow-list of each: what draws shapes and text, or lays out formulas. Never
// script, style, foreignObject, animation (animate/set can rewrite an href to javascript:),
// external images or references (image, feImage, url() other than url(#id)), handlers.
// Anything not listed is dropped with its content.

// Element names as SVG spells them (the output must be case-exact: viewBox, clipPath).
constexpr std::array<std::string_view, 27> kSvgElements = {
    "svg",    "g",        "defs",     "symbol",         "title",
    "desc",   "use",      "a",        "path",           "rect",
    "circle", "ellipse",  "line",     "polyline",       "polygon",
    "text",   "tspan",    "textPath", "linearGradient", "radialGradient",
    "stop",   "clipPath", "mask",     "marker",         "pattern",
    "switch", "view"};

// clang-format off
constexpr std::array<std::string_view, 34> kMathElements = {
    "math", "mrow", "mi", "mo", "mn", "ms", "mtext", "mspace", "msub", "msup", "msubsup",
    "munder", "mover", "munderover", "mfrac", "msqrt", "mroot", "mtable", "mtr", "mtd", "mstyle",
    "menclose", "mpadded", "mphantom", "merror", "mfenced", "semantics", "annotation",
    "mmultiscripts", "mprescripts", "none", "mlabeledtr", "maligngroup", "malignmark"};
// clang-format on

// Presentation and geometry attributes, spelled as SVG does. href/xlink:href, id and the
// xlink link attributes have their own rules (foreign_attribute).
constexpr std::array<std::string_view, 95> kSvgAttributes = {"alignment-baseline",
                                                             "baseProfile",
                                                             "baseline-shift",
                                                             "clip-path",
                                                             "clip-rule",
                                                             "clipPathUnits",
                                                             "color",
                                                             "cx",
                                                             "cy",
                                                             "d",
                                                             "direction",
                                                             "display",
                                                             "dominant-baseline",
                                                             "dx",
                                                             "dy",
                                                             "fill",
                                                             "fill-opacity",
                                                             "fill-rule",
                                                             "font-family",
                                                             "font-size",
                                                             "font-size-adjust",
                                                             "font-stretch",
                                                             "font-style",
                                                             "font-variant",
                                                             "font-weight",
                                                             "fr",
                                                             "fx",
                                                             "fy",
                                                             "gradientTransform",
                                                             "gradientUnits",
                                                             "height",
                                                             "lang",
                                                             "lengthAdjust",
                                                             "letter-spacing",
                                                             "marker-end",
                                                             "marker-mid",
                                                             "marker-start",
                                                             "markerHeight",
                                                             "markerUnits",
                                                             "markerWidth",
                                                             "mask",
                                                             "maskContentUnits",
                                                             "maskUnits",
                                                             "method",
                                                             "offset",
                                                             "opacity",
                                                             "orient",
                                                             "paint-order",
                                                             "pathLength",
                                                             "patternContentUnits",
                                                             "patternTransform",
                                                             "patternUnits",
                                                             "points",
                                                             "preserveAspectRatio",
                                                             "r",
                                                             "refX",
                                                             "refY",
                                                             "rotate",
                                                             "rx",
                                                             "ry",
                                                             "shape-rendering",
                                                             "spacing",
                                                             "spreadMethod",
                                                             "startOffset",
                                                             "stop-color",
                                                             "stop-opacity",
                                                             "stroke",
                                                             "stroke-dasharray",
                                                             "stroke-dashoffset",
                                                             "stroke-linecap",
                                                             "stroke-linejoin",
                                                             "stroke-miterlimit",
                                                             "stroke-opacity",
                                                             "stroke-width",
                                                             "text-anchor",
                                                             "text-decoration",
                                                             "text-rendering",
                                                             "textLength",
                                                             "transform",
                                                             "transform-origin",
                                                             "vector-effect",
                                                             "version",
                                                             "viewBox",
                                                             "visibility",
                                                             "width",
                                                             "word-spacing",
                                                             "writing-mode",
                                                             "x",
                                                             "x1",
                                                             "x2",
                                                             "y",
                                                             "y1",
                                                             "y2",
                                                             "systemLanguage",
                                                             "dir"};

constexpr std::array<std::string_view, 53> kMathAttributes = {
    "accent",        "accentunder", "align",         "alttext",        "bevelled",      "close",
    "columnalign",   "columnlines", "columnspacing", "columnspan",     "denomalign",    "depth",
    "dir",           "display",     "displaystyle",  "encoding",       "equalcolumns",  "equalrows",
    "fence",         "form",        "frame",         "framespacing",   "height",        "largeop",
    "linethickness", "lquote",      "lspace",        "mathbackground", "mathcolor",     "mathsize",
    "mathvariant",   "maxsize",     "minsize",       "movablelimits",  "notation",      "numalign",
    "open",          "rowalign",    "rowlines",      "rowspacing",     "rowspan",       "rquote",
    "rspace",        "scriptlevel", "separator",     "separators",     "stretchy",      "symmetric",
    "voffset",       "width",       "lang",          "title",          "subscriptshift"};

}  // namespace

Policy policy_for(GumboTag tag) {
  const auto index = static_cast<std::size_t>(tag);
  return index < kPolicies.size() ? kPolicies[index] : Policy::unwrap;
}

// The attributes kept on each element (img's src and srcset are handled by write_image).
// style, class and id are dropped: an archived post takes its look from the site, and a
// page's class names and ids mean nothing there (the extractor has used them already).
std::optional<ValueRule> attribute_rule(GumboTag tag, std::string_view name) {
  if (is_one_of(name, {"title", "lang", "dir"})) return ValueRule::text;
  bool text = false;
  switch (tag) {
    case GUMBO_TAG_A:
      if (name == "href") return ValueRule::link_url;
      text = is_one_of(name, {"name", "rel", "hreflang"});
      break;
    case GUMBO_TAG_IMG:
      if (name == "usemap") return ValueRule::fragment_ref;
      text = is_one_of(name, {"alt", "width", "height"});
      break;
    case GUMBO_TAG_MAP:
      text = name == "name";
      break;
    case GUMBO_TAG_AREA:
      if (name == "href") return ValueRule::link_url;
      text = is_one_of(name, {"alt", "shape", "coords", "rel", "hreflang"});
      break;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      text = is_one_of(name, {"colspan", "rowspan", "headers", "scope", "abbr", "align", "valign",
                              "width", "height"});
      break;
    case GUMBO_TAG_TABLE:
      text = is_one_of(name, {"border", "cellpadding", "cellspacing", "width", "summary", "align"});
      break;
    case GUMBO_TAG_COL:
    case GUMBO_TAG_COLGROUP:
      text = is_one_of(name, {"span", "width", "align", "valign"});
      break;
    case GUMBO_TAG_TR:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
      text = is_one_of(name, {"align", "valign"});
      break;
    case GUMBO_TAG_OL:
      text = is_one_of(name, {"start", "type", "reversed"});
      break;
    case GUMBO_TAG_UL:
      text = name == "type";
      break;
    case GUMBO_TAG_LI:
      text = is_one_of(name, {"value", "type"});
      break;
    case GUMBO_TAG_TIME:
      text = name == "datetime";
      break;
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_INS:
      if (name == "cite") return ValueRule::media_url;
      text = name == "datetime";
      break;
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_Q:
      if (name == "cite") return ValueRule::media_url;
      break;
    case GUMBO_TAG_DATA:
      text = name == "value";
      break;
    case GUMBO_TAG_FONT:
      text = is_one_of(name, {"color", "face", "size"});
      break;
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      text = name == "align";
      break;
    case GUMBO_TAG_HR:
      text = is_one_of(name, {"align", "width", "size", "noshade"});
      break;
    case GUMBO_TAG_DETAILS:
      text = name == "open";
      break;
    case GUMBO_TAG_VIDEO:
      if (is_one_of(name, {"src", "poster"})) return ValueRule::media_url;
      text = is_one_of(name,
                       {"width", "height", "controls", "loop", "muted", "preload", "playsinline"});
      break;
    case GUMBO_TAG_AUDIO:
      if (name == "src") return ValueRule::media_url;
      text = is_one_of(name, {"controls", "loop", "muted", "preload"});
      break;
    case GUMBO_TAG_SOURCE:
      if (name == "src") return ValueRule::media_url;
      text = name == "type";
      break;
    case GUMBO_TAG_TRACK:
      if (name == "src") return ValueRule::media_url;
      text = is_one_of(name, {"kind", "srclang", "label", "default"});
      break;
    case GUMBO_TAG_METER:
      text = is_one_of(name, {"value", "min", "max", "low", "high", "optimum"});
      break;
    case GUMBO_TAG_PROGRESS:
      text = is_one_of(name, {"value", "max"});
      break;
    case GUMBO_TAG_MENU:
      text = name == "type";
      break;
    // Form controls: what they show, never what they would send (no name, value of a
    // button, form, form*, autofocus, list).
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_OPTGROUP:
      text = is_one_of(name, {"disabled", "label"});
      break;
    case GUMBO_TAG_BUTTON:
      text = is_one_of(name, {"disabled", "type"});  // type: rewritten to "button"
      break;
    case GUMBO_TAG_INPUT:
      text = is_one_of(name, {"type", "value", "checked", "disabled", "readonly", "placeholder",
                              "size", "maxlength", "minlength", "min", "max", "step", "multiple"});
      break;
    case GUMBO_TAG_SELECT:
      text = is_one_of(name, {"multiple", "size", "disabled"});
      break;
    case GUMBO_TAG_OPTION:
      text = is_one_of(name, {"value", "selected", "disabled", "label"});
      break;
    case GUMBO_TAG_TEXTAREA:
      text = is_one_of(
          name, {"rows", "cols", "placeholder", "readonly", "disabled", "wrap", "maxlength"});
      break;
    default:
      break;
  }
  if (text) return ValueRule::text;
  return std::nullopt;
}

// An <input> that only shows something: text-like, choice and range types. Not submit,
// image, reset (they act on a form), file, password (a credential box has no place in an
// archived post) or hidden (shows nothing).
bool is_inert_input(const GumboElement& input) {
  const GumboAttribute* type = find_attribute(input, "type");
  if (type == nullptr) return true;
  const std::string lower = to_ascii_lower(type->value);
  return is_one_of(lower,
                   {"", "text", "search", "email", "url", "tel", "number", "range", "date", "month",
                    "week", "time", "datetime-local", "color", "checkbox", "radio"});
}

bool is_form_control(GumboTag tag) {
  return tag == GUMBO_TAG_INPUT || tag == GUMBO_TAG_SELECT || tag == GUMBO_TAG_TEXTAREA ||
         tag == GUMBO_TAG_OPTION || tag == GUMBO_TAG_OPTGROUP || tag == GUMBO_TAG_DATALIST ||
         tag == GUMBO_TAG_KEYGEN;
}

std::string_view svg_element_name(std::string_view name) {
  return listed(kSvgElements, name);
}
std::string_view math_element_name(std::string_view name) {
  return listed(kMathElements, name);
}
std::string_view svg_attribute_name(std::string_view name) {
  return listed(kSvgAttributes, name);
}
std::string_view math_attribute_name(std::string_view name) {
  return listed(kMathAttributes, name);
}

// A length for the root <svg>'s width or height: a positive number with an absolute or
// font-relative unit, or none. Not a percentage: an icon sized by the site's CSS (class
// and style are dropped) would fill the page.
bool is_fixed_length(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  std::size_t digits = 0;
  bool nonzero = false;
  std::size_t i = 0;
  for (; i < value.size() && ((value[i] >= '0' && value[i] <= '9') || value[i] == '.'); ++i) {
    if (value[i] != '.') ++digits;
    nonzero = nonzero || (value[i] >= '1' && value[i] <= '9');
  }
  if (digits == 0 || !nonzero) return false;
  const std::string unit = to_ascii_lower(value.substr(i));
  return is_one_of(unit, {"", "px", "pt", "pc", "em", "ex", "rem", "cm", "mm", "in"});
}

}  // namespace feedarchiver::normalize::sanitize_internal
