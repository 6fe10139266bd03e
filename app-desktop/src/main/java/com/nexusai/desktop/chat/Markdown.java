package com.nexusai.desktop.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * The Markdown models write, parsed by commonmark (CommonMark with GitHub's tables) and drawn as JavaFX nodes:
 * headings, paragraphs with bold, italics, inline code and links (opened through {@code openLink}), nested bullet and
 * numbered lists, quotes, rules, tables, and code blocks with a Copy button. Raw HTML shows as the text it is.
 */
final class Markdown {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final String copyLabel;
    private final Consumer<String> openLink;

    private Markdown(String copyLabel, Consumer<String> openLink) {
        this.copyLabel = copyLabel;
        this.openLink = openLink;
    }

    /** {@code markdown} drawn; a link's target goes to {@code openLink} when clicked. */
    static Node render(String markdown, String copyLabel, Consumer<String> openLink) {
        VBox answer = new VBox(8);
        answer.getStyleClass().add("markdown");
        new Markdown(copyLabel, openLink).blocks(PARSER.parse(markdown), answer);
        return answer;
    }

    private void blocks(org.commonmark.node.Node parent, VBox into) {
        for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            Node drawn = block(child);
            if (drawn != null) {
                into.getChildren().add(drawn);
            }
        }
    }

    private Node block(org.commonmark.node.Node node) {
        return switch (node) {
            case Heading heading -> {
                TextFlow title = inlines(heading);
                title.getStyleClass().addAll("heading", "heading-" + Math.min(heading.getLevel(), 4));
                yield title;
            }
            case Paragraph paragraph -> inlines(paragraph);
            case BulletList list -> list(list, null);
            case OrderedList list -> list(list, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
            case FencedCodeBlock code -> codeBlock(code.getInfo() == null ? "" : code.getInfo().strip(), trimEnd(code.getLiteral()));
            case IndentedCodeBlock code -> codeBlock("", trimEnd(code.getLiteral()));
            case BlockQuote quote -> {
                VBox inside = new VBox(6);
                inside.getStyleClass().add("quote");
                inside.setPadding(new Insets(2, 0, 2, 10));
                blocks(quote, inside);
                yield inside;
            }
            case ThematicBreak rule -> new Separator();
            case TableBlock table -> table(table);
            case HtmlBlock html -> flow(List.of(text(trimEnd(html.getLiteral()), List.of())));
            default -> null;
        };
    }

    /** A list: each item's marker beside its blocks (which may be lists themselves, indented again). */
    private Node list(org.commonmark.node.Node list, Integer firstNumber) {
        VBox items = new VBox(4);
        items.setPadding(new Insets(0, 0, 0, 12));
        int number = firstNumber == null ? 0 : firstNumber;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label marker = new Label(firstNumber == null ? "•" : number++ + ".");
            marker.getStyleClass().add("list-marker");
            marker.setMinWidth(Region.USE_PREF_SIZE);
            VBox content = new VBox(4);
            blocks(item, content);
            HBox row = new HBox(6, marker, content);
            HBox.setHgrow(content, Priority.ALWAYS);
            items.getChildren().add(row);
        }
        return items;
    }

    private Node table(TableBlock table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("markdown-table");
        grid.setHgap(16);
        grid.setVgap(4);
        int row = 0;
        for (org.commonmark.node.Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (org.commonmark.node.Node line = section.getFirstChild(); line != null; line = line.getNext(), row++) {
                int column = 0;
                for (org.commonmark.node.Node cell = line.getFirstChild(); cell != null; cell = cell.getNext(), column++) {
                    TextFlow content = inlines(cell);
                    if (cell instanceof TableCell tableCell && tableCell.isHeader()) {
                        content.getStyleClass().add("table-header");
                        content.getChildren().forEach(piece -> piece.getStyleClass().add("bold"));
                    }
                    grid.add(content, column, row);
                }
            }
        }
        return grid;
    }

    private Node codeBlock(String language, String content) {
        Label code = new Label(content);
        code.getStyleClass().add("code");
        code.setWrapText(false);
        code.setMaxWidth(Double.MAX_VALUE);
        Button copy = new Button(copyLabel);
        copy.getStyleClass().add("small");
        copy.setOnAction(event -> {
            ClipboardContent clip = new ClipboardContent();
            clip.putString(content);
            Clipboard.getSystemClipboard().setContent(clip);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, new Label(language.isEmpty() ? "code" : language), spacer, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, header, code);
        box.getStyleClass().add("code-block");
        box.setPadding(new Insets(6, 8, 8, 8));
        return box;
    }

    /** The inline content of {@code parent} as one flow of text pieces. */
    private TextFlow inlines(org.commonmark.node.Node parent) {
        List<Node> pieces = new ArrayList<>();
        inline(parent, List.of(), pieces);
        return flow(pieces);
    }

    private static TextFlow flow(List<Node> pieces) {
        TextFlow flow = new TextFlow();
        flow.getChildren().setAll(pieces);
        return flow;
    }

    /** Appends the pieces of {@code parent}'s children, each styled by the emphases around it. */
    private void inline(org.commonmark.node.Node parent, List<String> styles, List<Node> into) {
        for (org.commonmark.node.Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            switch (node) {
                case org.commonmark.node.Text literal -> into.add(text(literal.getLiteral(), styles));
                case Code code -> into.add(text(code.getLiteral(), with(styles, "inline-code")));
                case Emphasis emphasis -> inline(emphasis, with(styles, "italic"), into);
                case StrongEmphasis strong -> inline(strong, with(styles, "bold"), into);
                case SoftLineBreak soft -> into.add(text(" ", styles));
                case HardLineBreak hard -> into.add(text("\n", styles));
                case Link link -> into.add(link(plain(link), link.getDestination(), link.getTitle()));
                case Image image -> into.add(link(plain(image).isEmpty() ? image.getDestination() : plain(image), image.getDestination(), image.getTitle()));
                case HtmlInline html -> into.add(text(html.getLiteral(), styles));
                default -> inline(node, styles, into);
            }
        }
    }

    private Hyperlink link(String label, String destination, String title) {
        Hyperlink link = new Hyperlink(label.isEmpty() ? destination : label);
        link.getStyleClass().add("answer-link");
        link.setTooltip(new Tooltip(title == null || title.isBlank() ? destination : title + "\n" + destination));
        link.setOnAction(event -> openLink.accept(destination));
        return link;
    }

    /** The text inside {@code node}, without its styles (a link's label). */
    private static String plain(org.commonmark.node.Node node) {
        StringBuilder text = new StringBuilder();
        for (org.commonmark.node.Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            switch (child) {
                case org.commonmark.node.Text literal -> text.append(literal.getLiteral());
                case Code code -> text.append(code.getLiteral());
                case SoftLineBreak soft -> text.append(' ');
                default -> text.append(plain(child));
            }
        }
        return text.toString();
    }

    private static List<String> with(List<String> styles, String style) {
        List<String> more = new ArrayList<>(styles);
        more.add(style);
        return more;
    }

    private static Text text(String content, List<String> styles) {
        Text text = new Text(content);
        text.getStyleClass().add("answer-text");
        text.getStyleClass().addAll(styles);
        return text;
    }

    private static String trimEnd(String literal) {
        return literal == null ? "" : literal.stripTrailing();
    }
}
