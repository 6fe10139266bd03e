package com.nexusai.desktop.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The Markdown models write, drawn as JavaFX nodes: headings, paragraphs with bold and inline code,
 * bullet and numbered lists, and fenced code blocks with a Copy button. What it does not know shows as text.
 */
final class Markdown {

    /** A part of an answer: text, or a fenced code block with its language. */
    record Block(boolean code, String language, String content) {
    }

    private static final Pattern INLINE = Pattern.compile("\\*\\*(.+?)\\*\\*|`([^`]+)`");

    private Markdown() {
    }

    /** Splits at code fences (```lang ... ```); an unclosed fence (still streaming) runs to the end. */
    static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder code = null;
        String language = "";
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                if (code == null) {
                    if (!text.isEmpty()) {
                        blocks.add(new Block(false, "", text.toString().strip()));
                        text.setLength(0);
                    }
                    code = new StringBuilder();
                    language = line.strip().substring(3).strip();
                } else {
                    blocks.add(new Block(true, language, code.toString()));
                    code = null;
                }
            } else if (code != null) {
                code.append(code.isEmpty() ? "" : "\n").append(line);
            } else {
                text.append(line).append('\n');
            }
        }
        if (code != null) {
            blocks.add(new Block(true, language, code.toString()));
        } else if (!text.toString().isBlank()) {
            blocks.add(new Block(false, "", text.toString().strip()));
        }
        return blocks;
    }

    static Node render(String markdown, String copyLabel) {
        VBox answer = new VBox(8);
        for (Block block : blocks(markdown)) {
            answer.getChildren().add(block.code() ? codeBlock(block, copyLabel) : textBlock(block.content()));
        }
        return answer;
    }

    private static Node codeBlock(Block block, String copyLabel) {
        Label code = new Label(block.content());
        code.getStyleClass().add("code");
        code.setWrapText(false);
        code.setMaxWidth(Double.MAX_VALUE);
        Button copy = new Button(copyLabel);
        copy.getStyleClass().add("small");
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(block.content());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, new Label(block.language().isEmpty() ? "code" : block.language()), spacer, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, header, code);
        box.getStyleClass().add("code-block");
        box.setPadding(new Insets(6, 8, 8, 8));
        return box;
    }

    private static Node textBlock(String text) {
        VBox lines = new VBox(4);
        for (String paragraph : text.split("\n\\s*\n")) {
            for (String line : paragraph.split("\n")) {
                String stripped = line.strip();
                if (stripped.startsWith("#")) {
                    Label heading = new Label(stripped.replaceFirst("^#+\\s*", ""));
                    heading.getStyleClass().add("title-4");
                    lines.getChildren().add(heading);
                } else if (stripped.matches("^([-*]|\\d+\\.)\\s+.*")) {
                    String marker = stripped.startsWith("-") || stripped.startsWith("*") ? "•" : stripped.substring(0, stripped.indexOf('.') + 1);
                    TextFlow item = inline(stripped.replaceFirst("^([-*]|\\d+\\.)\\s+", ""));
                    HBox row = new HBox(6, new Label(marker), item);
                    HBox.setHgrow(item, Priority.ALWAYS);
                    row.setPadding(new Insets(0, 0, 0, 12));
                    lines.getChildren().add(row);
                } else if (!stripped.isEmpty()) {
                    lines.getChildren().add(inline(line));
                }
            }
        }
        return lines;
    }

    /** Bold and inline code inside a line. */
    static TextFlow inline(String line) {
        TextFlow flow = new TextFlow();
        Matcher matcher = INLINE.matcher(line);
        int at = 0;
        while (matcher.find()) {
            if (matcher.start() > at) {
                flow.getChildren().add(text(line.substring(at, matcher.start()), null));
            }
            flow.getChildren().add(matcher.group(1) != null ? text(matcher.group(1), "bold") : text(matcher.group(2), "inline-code"));
            at = matcher.end();
        }
        if (at < line.length()) {
            flow.getChildren().add(text(line.substring(at), null));
        }
        return flow;
    }

    private static Text text(String content, String style) {
        Text text = new Text(content);
        text.getStyleClass().add("answer-text");
        if (style != null) {
            text.getStyleClass().add(style);
        }
        return text;
    }
}
