#include "formats/invoice_xml.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "formats/csv.hpp"
#include "formats/invoice_read.hpp"

namespace mf::formats::invoice {

namespace {

size_t line_at(std::string_view text, ptrdiff_t offset) {
    const auto end =
        static_cast<size_t>(std::clamp<ptrdiff_t>(offset, 0, static_cast<ptrdiff_t>(text.size())));
    return 1 +
           static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(end), '\n'));
}

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// A character reference to no character (&#xD800;) comes out of the parser as bytes that are not UTF-8.
std::optional<Error> invalid_text(std::string_view text, pugi::xml_node node) {
    const auto broken = [&](std::string_view value) { return first_invalid_utf8(value).has_value(); };
    bool found = broken(node.value());
    for (auto attribute : node.attributes())
        found = found || broken(attribute.value());
    if (!found)
        return std::nullopt;
    return file_error("invalid_xml",
                      fmt::format("a character reference near line {} names no Unicode character",
                                  line_at(text, node.offset_debug())));
}

// Checks every node once, iteratively, so a hostile depth cannot exhaust the stack here either.
Status check_tree(std::string_view text, const pugi::xml_document& document) {
    int depth = 0;
    pugi::xml_node node = document.first_child();
    while (node) {
        if (auto error = invalid_text(text, node))
            return *error;
        if (node.first_child()) {
            node = node.first_child();
            if (++depth > kXmlDepthMax) {
                return file_error(
                    "invalid_xml",
                    fmt::format("the XML nests deeper than {} levels: not an invoice", kXmlDepthMax));
            }
            continue;
        }
        while (node && !node.next_sibling()) {
            node = node.parent();
            --depth;
        }
        if (node)
            node = node.next_sibling();
    }
    return ok();
}

}  // namespace

Status load_xml(std::string_view text, pugi::xml_document& document) {
    const unsigned flags = pugi::parse_default | pugi::parse_doctype | pugi::parse_declaration;
    const auto result = document.load_buffer(text.data(), text.size(), flags, pugi::encoding_utf8);
    if (!result) {
        return file_error("invalid_xml", fmt::format("not well-formed XML at line {}: {}",
                                                     line_at(text, result.offset), result.description()));
    }
    for (auto node : document.children()) {
        if (node.type() == pugi::node_doctype) {
            return file_error(
                "forbidden_xml",
                "the XML has a DOCTYPE: documents with a DTD or entity declarations are refused");
        }
        if (node.type() == pugi::node_declaration) {
            const std::string_view encoding = node.attribute("encoding").value();
            if (!encoding.empty() && !equals_ignoring_case(encoding, "UTF-8") &&
                !equals_ignoring_case(encoding, "US-ASCII") && !is_ascii(text)) {
                return file_error(
                    "invalid_encoding",
                    fmt::format("the XML declares encoding '{}': only UTF-8 is read", encoding));
            }
        }
    }
    if (!document.document_element())
        return file_error("invalid_xml", "the XML has no root element");
    return check_tree(text, document);
}

XmlName xml_name(pugi::xml_node element) {
    const std::string_view name = element.name();
    const auto colon = name.find(':');
    const std::string_view prefix =
        colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon);
    const std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
    const std::string attribute = prefix.empty() ? std::string("xmlns") : "xmlns:" + std::string(prefix);
    for (auto scope = element; scope; scope = scope.parent()) {
        if (auto declared = scope.attribute(attribute.c_str()))
            return XmlName{declared.value(), local};
    }
    return XmlName{{}, local};
}

static bool matches(pugi::xml_node node, XmlStep step) {
    if (node.type() != pugi::node_element)
        return false;
    const auto name = xml_name(node);
    return name.local == step.local && name.uri == step.uri;
}

pugi::xml_node child(pugi::xml_node parent, XmlStep step) {
    for (auto element : parent.children()) {
        if (matches(element, step))
            return element;
    }
    return {};
}

pugi::xml_node descend(pugi::xml_node node, std::initializer_list<XmlStep> steps) {
    for (const auto& step : steps) {
        if (!node)
            break;
        node = child(node, step);
    }
    return node;
}

std::vector<pugi::xml_node> children(pugi::xml_node parent, XmlStep step) {
    std::vector<pugi::xml_node> found;
    for (auto element : parent.children()) {
        if (matches(element, step))
            found.push_back(element);
    }
    return found;
}

std::string_view text_of(pugi::xml_node element) {
    return trim(element.child_value());
}

std::string_view attribute_of(pugi::xml_node element, const char* name) {
    return trim(element.attribute(name).value());
}

std::string scheme_value(pugi::xml_node element) {
    const auto scheme = attribute_of(element, "schemeID");
    const auto value = text_of(element);
    if (scheme.empty() || value.empty())
        return std::string(value);
    return fmt::format("{}:{}", scheme, value);
}

}  // namespace mf::formats::invoice
