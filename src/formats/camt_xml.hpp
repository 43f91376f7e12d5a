// Reading ISO 20022 XML (camt) safely with pugixml, and finding elements by their local name whatever
// namespace prefix the sender chose. Hostile XML is refused: no DOCTYPE (so no DTD and no entity
// definitions), a size limit and a nesting limit. Thread-safety: pure functions over a caller's document.
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "formats/bank_common.hpp"

namespace mf::formats::xml {

struct XmlLimits {
    size_t bytes_max = kBankFileBytesMax;
    size_t depth_max = 64;  // camt documents nest about 15 deep
};

// Parses bytes into doc. Errors (code invalid_bank_file, file_too_large) name the line of a syntax error.
Status load_safely(pugi::xml_document& doc, std::string_view bytes, const XmlLimits& limits = {});

// "Stmt" for <Stmt> and for <ns2:Stmt>.
std::string_view local_name(pugi::xml_node node);
// The first child element with that local name (a null node when there is none).
pugi::xml_node child(pugi::xml_node node, std::string_view name);
// child() step by step: path(entry, {"BookgDt", "Dt"}).
pugi::xml_node path(pugi::xml_node node, std::initializer_list<std::string_view> steps);
// Every child element with that local name, in document order.
std::vector<pugi::xml_node> children(pugi::xml_node node, std::string_view name);
// The element's text without surrounding white space; empty for a null node.
std::string text(pugi::xml_node node);
// The namespace URI of the element's prefix (or of the default namespace), declared on it or above it.
std::string namespace_uri(pugi::xml_node element);

}  // namespace mf::formats::xml
