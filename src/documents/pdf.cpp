// The layout: one pass draws every block top to bottom, starting a new page when the next line does not fit.
// It runs twice, the first time only to count the pages that "Page n of m" needs.
#include "documents/pdf.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <numeric>
#include <utility>

namespace mf::documents {

namespace {

constexpr double kMarginPoints = 54;  // 0.75 in
constexpr double kFooterPoints = 24;
constexpr double kCellPaddingPoints = 4;
constexpr double kBlockGapPoints = 8;
constexpr double kKeepWithHeadingPoints = 72;

struct PageGeometry {
    double width = 612, height = 792;  // Letter
};

PageGeometry geometry_of(PageSize size, bool landscape) {
    PageGeometry page;
    if (size == PageSize::a4)
        page = {595.276, 841.89};
    if (landscape)
        std::swap(page.width, page.height);
    return page;
}

std::string valid_utf8(const std::string& text) {
    gchar* fixed = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
    std::string out(fixed);
    g_free(fixed);
    return out;
}

// Pango font descriptions; table cells are a size smaller than paragraphs, compact tables smaller still.
std::string font_of(TextStyle style, double size = 10) {
    const char* face = "DejaVu Sans ";
    switch (style) {
        case TextStyle::bold:
            face = "DejaVu Sans Bold ";
            break;
        case TextStyle::italic:
            face = "DejaVu Sans Oblique ";
            break;
        case TextStyle::small:
            size -= 2;
            break;
        case TextStyle::body:
            break;
    }
    char points[16];
    std::snprintf(points, sizeof points, "%.1f", size);
    return face + std::string(points);
}

std::string cell_font_of(TextStyle style, TableSize size) {
    return font_of(style, size == TableSize::compact ? 8 : 9);
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

struct ObjectDeleter {
    void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, ObjectDeleter>;

// Draws the blocks onto a PDF surface; counts the pages it used.
class Renderer {
  public:
    Renderer(cairo_t* cr, const DocumentInfo& info, PageGeometry page, int total_pages)
        : cr_(cr),
          context_(pango_cairo_create_context(cr)),
          info_(info),
          page_(page),
          total_pages_(total_pages) {
        // Points are the PDF's units: 72 per inch, not pango's default of 96.
        pango_cairo_context_set_resolution(context_.get(), 72);
        y_ = kMarginPoints;
    }

    int pages() const { return page_number_; }

    // The layout of text in a box `width` points wide (0: no wrapping).
    LayoutPtr layout(const std::string& text, const std::string& font, double width, Align align) {
        LayoutPtr result(pango_layout_new(context_.get()));
        PangoFontDescription* description = pango_font_description_from_string(font.c_str());
        pango_layout_set_font_description(result.get(), description);
        pango_font_description_free(description);
        if (width > 0) {
            pango_layout_set_width(result.get(), static_cast<int>(width * PANGO_SCALE));
            pango_layout_set_wrap(result.get(), PANGO_WRAP_WORD_CHAR);
        }
        pango_layout_set_alignment(result.get(),
                                   align == Align::right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        const std::string clean = valid_utf8(text);
        pango_layout_set_text(result.get(), clean.data(), static_cast<int>(clean.size()));
        return result;
    }

    static double height_of(PangoLayout* layout) {
        int width = 0, height = 0;
        pango_layout_get_size(layout, &width, &height);
        return static_cast<double>(height) / PANGO_SCALE;
    }

    void draw(PangoLayout* layout, double x, double y) {
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, layout);
    }

    double text_width() const { return page_.width - 2 * kMarginPoints; }
    double bottom() const { return page_.height - kMarginPoints - kFooterPoints; }
    bool fits(double height) const { return y_ + height <= bottom() || y_ <= kMarginPoints; }

    void new_page() {
        footer();
        cairo_show_page(cr_);
        ++page_number_;
        y_ = kMarginPoints;
    }

    void footer() {
        std::string text = info_.title + "  ·  Page " + std::to_string(page_number_);
        if (total_pages_ > 0)
            text += " of " + std::to_string(total_pages_);
        auto line = layout(text, font_of(TextStyle::small), text_width(), Align::right);
        draw(line.get(), kMarginPoints, page_.height - kMarginPoints - height_of(line.get()));
    }

    // keep_points: room the block needs below it too (a heading is not left alone at a page's foot).
    void text_block(const std::string& text, const std::string& font, double gap_after,
                    double keep_points = 0) {
        auto block = layout(text, font, text_width(), Align::left);
        const double height = height_of(block.get());
        if (!fits(height + keep_points) && height < bottom() - kMarginPoints)
            new_page();
        draw(block.get(), kMarginPoints, y_);
        y_ += height + gap_after;
    }

    void space(double points) { y_ = std::min(y_ + points, bottom()); }

    void table(const Table& table);
    void finish() { footer(); }

  private:
    struct Row {
        std::vector<LayoutPtr> cells;
        double height = 0;
    };
    Row lay_out_row(const Table& table, const std::vector<double>& widths, const TableRow& row);
    void draw_row(const Table& table, const std::vector<double>& widths, const Row& row,
                  const TableRow& source);

    cairo_t* cr_;
    std::unique_ptr<PangoContext, ObjectDeleter> context_;
    const DocumentInfo& info_;
    PageGeometry page_;
    int total_pages_ = 0;
    int page_number_ = 1;
    double y_ = 0;
};

Renderer::Row Renderer::lay_out_row(const Table& table, const std::vector<double>& widths,
                                    const TableRow& row) {
    Row result;
    const std::string font = cell_font_of(row.style, table.size);
    if (row.span_all) {
        const double width = std::accumulate(widths.begin(), widths.end(), 0.0);
        result.cells.push_back(layout(row.cells.empty() ? std::string() : row.cells[0], font,
                                      width - 2 * kCellPaddingPoints, Align::left));
    } else {
        for (size_t i = 0; i < table.columns.size(); ++i) {
            const std::string& text = i < row.cells.size() ? row.cells[i] : std::string();
            result.cells.push_back(
                layout(text, font, widths[i] - 2 * kCellPaddingPoints, table.columns[i].align));
        }
    }
    for (const auto& cell : result.cells)
        result.height = std::max(result.height, height_of(cell.get()));
    result.height += 2 * kCellPaddingPoints;
    return result;
}

void Renderer::draw_row(const Table& table, const std::vector<double>& widths, const Row& row,
                        const TableRow& source) {
    double x = kMarginPoints;
    for (size_t i = 0; i < row.cells.size(); ++i) {
        const double width = source.span_all ? std::accumulate(widths.begin(), widths.end(), 0.0) : widths[i];
        draw(row.cells[i].get(), x + kCellPaddingPoints, y_ + kCellPaddingPoints);
        if (table.lines == TableLines::grid) {
            cairo_set_line_width(cr_, 0.5);
            cairo_rectangle(cr_, x, y_, width, row.height);
            cairo_stroke(cr_);
        }
        x += width;
    }
    if (table.lines == TableLines::none && source.style == TextStyle::bold) {
        cairo_set_line_width(cr_, 0.5);
        cairo_move_to(cr_, kMarginPoints, y_ + row.height);
        cairo_line_to(cr_, kMarginPoints + text_width(), y_ + row.height);
        cairo_stroke(cr_);
    }
    y_ += row.height;
}

void Renderer::table(const Table& table) {
    double shares = 0;
    for (const auto& column : table.columns)
        shares += column.width_share;
    std::vector<double> widths;
    for (const auto& column : table.columns)
        widths.push_back(text_width() * column.width_share / shares);
    TableRow header_row;
    header_row.style = TextStyle::bold;
    for (const auto& column : table.columns)
        header_row.cells.push_back(column.heading);
    const Row header = lay_out_row(table, widths, header_row);
    auto draw_header = [&] {
        if (table.show_header)
            draw_row(table, widths, header, header_row);
    };
    const double header_height = table.show_header ? header.height : 0;
    if (!fits(header_height + (table.rows.empty() ? 0 : 2 * kCellPaddingPoints + 12)))
        new_page();
    draw_header();
    for (const auto& source : table.rows) {
        const Row row = lay_out_row(table, widths, source);
        if (!fits(row.height)) {
            new_page();
            draw_header();
        }
        draw_row(table, widths, row, source);
    }
    y_ += kBlockGapPoints;
}

}  // namespace

Pdf::Pdf(DocumentInfo info) : info_(std::move(info)) {}

void Pdf::title(std::string text) {
    blocks_.push_back({BlockKind::title, std::move(text)});
}
void Pdf::heading(std::string text) {
    blocks_.push_back({BlockKind::heading, std::move(text)});
}
void Pdf::paragraph(std::string text, TextStyle style) {
    blocks_.push_back({BlockKind::paragraph, std::move(text), style});
}
void Pdf::table(Table table) {
    Block block{BlockKind::table};
    block.table = std::move(table);
    blocks_.push_back(std::move(block));
}
void Pdf::space(double points) {
    blocks_.push_back({BlockKind::space, {}, TextStyle::body, points});
}
void Pdf::page_break() {
    blocks_.push_back({BlockKind::page_break});
}
void Pdf::landscape() {
    landscape_ = true;
}

namespace {

void set_metadata(cairo_surface_t* surface, const DocumentInfo& info) {
    const std::string when = info.created.to_string() + "T00:00:00Z";
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, valid_utf8(info.title).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, valid_utf8(info.author).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, valid_utf8(info.subject).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "microfactor");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, when.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, when.c_str());
}

}  // namespace

Result<std::string> Pdf::render() const {
    for (const auto& block : blocks_) {
        if (block.kind == BlockKind::table && block.table.columns.empty())
            return make_error("invalid_document", "a table has no columns", "table");
    }
    const PageGeometry page = geometry_of(info_.page_size, landscape_);
    std::string bytes;
    int total_pages = 0;
    // Pass 1 counts the pages; pass 2 draws them with "of n".
    for (int pass = 0; pass < 2; ++pass) {
        bytes.clear();
        cairo_surface_t* surface =
            cairo_pdf_surface_create_for_stream(append_bytes, &bytes, page.width, page.height);
        set_metadata(surface, info_);
        cairo_t* cr = cairo_create(surface);
        cairo_set_source_rgb(cr, 0, 0, 0);
        Renderer renderer(cr, info_, page, total_pages);
        for (const auto& block : blocks_) {
            switch (block.kind) {
                case BlockKind::title:
                    renderer.text_block(block.text, "DejaVu Sans Bold 16", kBlockGapPoints);
                    break;
                case BlockKind::heading:
                    renderer.space(kBlockGapPoints);
                    renderer.text_block(block.text, "DejaVu Sans Bold 12", 4, kKeepWithHeadingPoints);
                    break;
                case BlockKind::paragraph:
                    renderer.text_block(block.text, font_of(block.style), kBlockGapPoints);
                    break;
                case BlockKind::table:
                    renderer.table(block.table);
                    break;
                case BlockKind::space:
                    renderer.space(block.points);
                    break;
                case BlockKind::page_break:
                    renderer.new_page();
                    break;
            }
        }
        renderer.finish();
        total_pages = renderer.pages();
        cairo_destroy(cr);
        cairo_surface_finish(surface);
        const cairo_status_t status = cairo_surface_status(surface);
        cairo_surface_destroy(surface);
        if (status != CAIRO_STATUS_SUCCESS)
            return make_error("pdf_failed", std::string("cairo: ") + cairo_status_to_string(status));
    }
    return bytes;
}

std::string amount_text(int64_t minor, Currency currency) {
    std::string text = format_money({minor, currency});
    return text.substr(0, text.size() - 4);  // without " USD"
}

}  // namespace mf::documents
