#pragma once
// The recipe, once, for `archive`, `run`, `render` and their --dry-run: a straight line of
// named passes over an opened Site.
//
//   read    every source fetched (one concurrent fetch_all; files and stdin read directly),
//           then decoded, parsed and normalized on worker threads
//   enrich  the pages of items that want their full text, then their images, each in one
//           more fetch_all (only for items new to the state)
//   commit  each source in plan order, as soon as it and every source before it are ready:
//           posts, then the state, in one transaction per source. Plan order (not the order
//           servers answer in) decides which feed's copy of a shared article is written.
//   report  a SourceReport per source through RunEvents, and the RunReport returned.

#include <iosfwd>
#include <optional>
#include <string>

#include "feedarchiver/archive/plan.hpp"
#include "feedarchiver/archive/run_events.hpp"
#include "feedarchiver/archive/site.hpp"
#include "feedarchiver/fetch/fetcher.hpp"

namespace feedarchiver::archive {

/// Archives every source of `plan` into `site`. A source's failure is in its report; Error
/// is thrown only when the site cannot be written (a post, the state).
RunReport archive_sources(const Plan& plan, Site& site, fetch::Fetcher& fetcher,
                          std::istream& stdin_in, RunEvents& events);

/// `render`: every line of `in` (`parse --format jsonl`) sanitized again and committed as a
/// one-item source named "stdin line N", deduped against the site's state like a feed (its
/// key in the state is the line's "source"). An unreadable line is a failed source.
RunReport render_lines(std::istream& in, const std::optional<std::string>& name,
                       const RunOptions& options, Site& site, RunEvents& events);

}  // namespace feedarchiver::archive
