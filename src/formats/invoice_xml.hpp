// Internal to the invoice readers: loading an XML invoice safely (no DOCTYPE, so no DTD and no entities;
// bounded nesting) and finding elements by namespace URI and local name, never by prefix.
// Thread-safety: functions of their arguments; a loaded document is read-only.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "core/error.hpp"

namespace mf::formats::invoice {

inline constexpr int kXmlDepthMax = 64;  // UBL and CII invoices nest about 10 deep

// Parses UTF-8 `text` into `document`. Fails (whole-file error) on malformed XML with its line, a DOCTYPE, a
// declared encoding other than UTF-8 for non-ASCII text, a character reference to no character (a surrogate),
// or nesting deeper than kXmlDepthMax.
Status load_xml(std::string_view text, pugi::xml_document& document);

struct XmlName {
    std::string_view uri;  // the namespace URI in scope for the element's prefix ("" when none)
    std::string_view local;
};
XmlName xml_name(pugi::xml_node element);

struct XmlStep {
    std::string_view uri;
    std::string_view local;
};

// The first child element with that name, or an empty node.
pugi::xml_node child(pugi::xml_node parent, XmlStep step);
// Follows the steps from `node`, each to the first matching child; an empty node when one is missing.
pugi::xml_node descend(pugi::xml_node node, std::initializer_list<XmlStep> steps);
// Every child element with that name, in document order.
std::vector<pugi::xml_node> children(pugi::xml_node parent, XmlStep step);
// The element's text, trimmed ("" for an empty node).
std::string_view text_of(pugi::xml_node element);
std::string_view attribute_of(pugi::xml_node element, const char* name);
// "scheme:value" for an identifier with a schemeID attribute (PEPPOL "0007:1122334455"), else the value.
std::string scheme_value(pugi::xml_node element);

}  // namespace mf::formats::invoice
