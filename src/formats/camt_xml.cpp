#include "formats/camt_xml.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "formats/csv.hpp"

namespace mf::formats::xml {
namespace {

// Stops at the first element deeper than the limit (pugixml walks the tree without recursion).
struct DepthGuard : pugi::xml_tree_walker {
    explicit DepthGuard(size_t depth_max) : depth_max(depth_max) {}
    bool for_each(pugi::xml_node& node) override {
        if (static_cast<size_t>(depth()) + 1 > depth_max) {
            too_deep = node;
            return false;
        }
        return true;
    }
    size_t depth_max;
    pugi::xml_node too_deep;
};

size_t line_of(std::string_view bytes, ptrdiff_t offset) {
    const auto end =
        static_cast<size_t>(std::clamp<ptrdiff_t>(offset, 0, static_cast<ptrdiff_t>(bytes.size())));
    return 1 +
           static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(end), '\n'));
}

}  // namespace

Status load_safely(pugi::xml_document& doc, std::string_view bytes, const XmlLimits& limits) {
    if (bytes.size() > limits.bytes_max) {
        return make_error("file_too_large", fmt::format("the XML document has {} bytes; at most {} are read",
                                                        bytes.size(), limits.bytes_max));
    }
    // parse_doctype keeps a DOCTYPE as a node so that it can be refused below; pugixml never expands
    // entities beyond the five predefined ones and character references.
    const unsigned options = pugi::parse_default | pugi::parse_doctype;
    const pugi::xml_parse_result parsed = doc.load_buffer(bytes.data(), bytes.size(), options);
    if (!parsed) {
        return make_error("invalid_bank_file",
                          fmt::format("line {}: the XML is not well-formed: {}",
                                      line_of(bytes, parsed.offset), parsed.description()));
    }
    // pugixml converts other encodings to UTF-8 but takes UTF-8 as it comes: check it.
    if (parsed.encoding == pugi::encoding_utf8) {
        if (const auto bad = first_invalid_utf8(bytes)) {
            return make_error("invalid_bank_file", fmt::format("line {}: the XML is not valid UTF-8",
                                                               line_of(bytes, static_cast<ptrdiff_t>(*bad))));
        }
    }
    for (pugi::xml_node node : doc.children()) {
        if (node.type() == pugi::node_doctype) {
            return make_error(
                "invalid_bank_file",
                "the XML document has a DOCTYPE; documents with a DTD or entity definitions are "
                "refused");
        }
    }
    if (!doc.document_element())
        return make_error("invalid_bank_file", "the XML document has no root element");
    DepthGuard guard(limits.depth_max);
    doc.traverse(guard);
    if (guard.too_deep) {
        return make_error("invalid_bank_file", fmt::format("<{}>: elements nest deeper than {} levels",
                                                           guard.too_deep.name(), limits.depth_max));
    }
    return ok();
}

std::string_view local_name(pugi::xml_node node) {
    const std::string_view name = node.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_node element : node.children()) {
        if (element.type() == pugi::node_element && local_name(element) == name)
            return element;
    }
    return {};
}

pugi::xml_node path(pugi::xml_node node, std::initializer_list<std::string_view> steps) {
    for (std::string_view step : steps) {
        node = child(node, step);
        if (!node)
            break;
    }
    return node;
}

std::vector<pugi::xml_node> children(pugi::xml_node node, std::string_view name) {
    std::vector<pugi::xml_node> found;
    for (pugi::xml_node element : node.children()) {
        if (element.type() == pugi::node_element && local_name(element) == name)
            found.push_back(element);
    }
    return found;
}

std::string text(pugi::xml_node node) {
    return std::string(trim_space(node.child_value()));
}

std::string namespace_uri(pugi::xml_node element) {
    const std::string_view name = element.name();
    const auto colon = name.find(':');
    const std::string attribute =
        colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
    for (pugi::xml_node node = element; node && node.type() == pugi::node_element; node = node.parent()) {
        if (pugi::xml_attribute declared = node.attribute(attribute.c_str()))
            return declared.value();
    }
    return {};
}

}  // namespace mf::formats::xml
