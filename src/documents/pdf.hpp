// A small page-layout helper over cairo and pango for the documents of FORMATS.md "Documents out": headings,
// wrapped paragraphs, tables (right-aligned money, headers repeated after a page break), page numbers and the
// document's metadata, written to memory. The output depends only on the inputs (no clock is read: the
// creation date comes in). Thread-safety: a Pdf is used by one thread; separate Pdfs may render at once.
#pragma once

#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace mf::documents {

enum class PageSize { letter, a4 };

struct DocumentInfo {
    std::string title;
    std::string author;
    std::string subject;
    Date created;  // written as the PDF's creation and modification date (midnight UTC)
    PageSize page_size = PageSize::letter;
};

enum class Align { left, right };
enum class TextStyle { body, bold, italic, small };

struct Column {
    std::string heading;
    double width_share = 1;  // of the text width, relative to the other columns
    Align align = Align::left;
};

struct TableRow {
    std::vector<std::string> cells;  // one per column; fewer are padded with empty cells
    TextStyle style = TextStyle::body;
    bool span_all = false;  // one cell across every column (the first one)
};

enum class TableLines { none, grid };
enum class TableSize { normal, compact };  // compact: a smaller font, for tables of many columns

struct Table {
    std::vector<Column> columns;
    std::vector<TableRow> rows;
    bool show_header = true;
    TableLines lines = TableLines::none;
    TableSize size = TableSize::normal;
};

// Builds a document block by block, then renders it. Text is plain UTF-8 (never markup: "<b>" prints as
// typed); invalid UTF-8 is replaced, not an error.
class Pdf {
  public:
    explicit Pdf(DocumentInfo info);

    void title(std::string text);
    void heading(std::string text);
    void paragraph(std::string text, TextStyle style = TextStyle::body);
    void table(Table table);
    void space(double points);
    void page_break();
    // Turns every page sideways (the paper's long edge on top), for tables too wide for portrait.
    void landscape();

    // The PDF file's bytes. Errors: pdf_failed (cairo's status), invalid_document (a table without columns).
    Result<std::string> render() const;

  private:
    enum class BlockKind { title, heading, paragraph, table, space, page_break };
    struct Block {
        BlockKind kind = BlockKind::paragraph;
        std::string text;
        TextStyle style = TextStyle::body;
        double points = 0;
        Table table;
    };
    DocumentInfo info_;
    bool landscape_ = false;
    std::vector<Block> blocks_;
};

// "1,234.56" with the currency's decimals and no code: the form of money in document tables.
std::string amount_text(int64_t minor, Currency currency);

}  // namespace mf::documents
