#pragma once
// The content hash of a post: what `run --update` compares to decide whether a known article
// changed. Covers everything the post shows but the date a post gets when its item has none.

#include <string>

#include "feedarchiver/write/post.hpp"

namespace feedarchiver::write {

/// "fnv1a64:<16 hex digits>" over title, url, publication time, author, tags, categories and
/// body of `post`.
std::string content_hash(const Post& post);

}  // namespace feedarchiver::write
