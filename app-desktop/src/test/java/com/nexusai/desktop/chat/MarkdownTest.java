package com.nexusai.desktop.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** What commonmark parses, drawn: the styles of each piece of text, links, nested lists, tables and code blocks. */
class MarkdownTest {

    private final List<String> opened = new ArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private Node render(String markdown) throws Exception {
        return onFx(() -> Markdown.render(markdown, "Copy", opened::add));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }

    private static List<Node> all(Node root) {
        List<Node> found = new ArrayList<>(List.of(root));
        if (root instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> found.addAll(all(child)));
        }
        return found;
    }

    private static Text piece(Node root, String content) {
        return all(root).stream().filter(n -> n instanceof Text t && t.getText().equals(content)).map(Text.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no text piece " + content));
    }

    @Test
    void emphasesNestAndEachPieceCarriesItsStyles() throws Exception {
        Node answer = render("The pool is **almost *full*** and `max_connections` is *low*.");
        assertThat(piece(answer, "almost ").getStyleClass()).contains("bold").doesNotContain("italic");
        assertThat(piece(answer, "full").getStyleClass()).contains("bold", "italic");
        assertThat(piece(answer, "max_connections").getStyleClass()).contains("inline-code");
        assertThat(piece(answer, "low").getStyleClass()).contains("italic").doesNotContain("bold");
    }

    @Test
    void aLinkOpensItsDestinationWhenClicked() throws Exception {
        Node answer = render("See [the runbook](https://docs.nexusai.example/runbook \"Runbook\") first.");
        Hyperlink link = all(answer).stream().filter(Hyperlink.class::isInstance).map(Hyperlink.class::cast).findFirst().orElseThrow();
        assertThat(link.getText()).isEqualTo("the runbook");
        onFx(() -> {
            link.fire();
            return null;
        });
        assertThat(opened).containsExactly("https://docs.nexusai.example/runbook");
    }

    @Test
    void nestedListsAreIndentedWithTheirOwnMarkers() throws Exception {
        Node answer = render("""
                1. Check the pool
                   - active connections
                   - waiting threads
                2. Restart app1
                """);
        List<String> markers = all(answer).stream().filter(n -> n instanceof Label l && l.getStyleClass().contains("list-marker"))
                .map(n -> ((Label) n).getText()).toList();
        assertThat(markers).containsExactly("1.", "•", "•", "2.");
        Label inner = all(answer).stream().filter(n -> n instanceof Label l && "•".equals(l.getText())).map(Label.class::cast).findFirst().orElseThrow();
        Label outer = all(answer).stream().filter(n -> n instanceof Label l && "1.".equals(l.getText())).map(Label.class::cast).findFirst().orElseThrow();
        int depthOfInner = depth(inner);
        assertThat(depthOfInner).as("inside the first item").isGreaterThan(depth(outer));
    }

    private static int depth(Node node) {
        int depth = 0;
        for (Parent up = node.getParent(); up != null; up = up.getParent()) {
            depth++;
        }
        return depth;
    }

    @Test
    void aTableHasItsHeaderInBoldAndItsCellsInPlace() throws Exception {
        Node answer = render("""
                | Instance | Heap |
                |----------|------|
                | app1     | 93 % |
                | app2     | 41 % |
                """);
        GridPane table = all(answer).stream().filter(GridPane.class::isInstance).map(GridPane.class::cast).findFirst().orElseThrow();
        assertThat(table.getChildren()).hasSize(6);
        assertThat(piece(answer, "Heap").getStyleClass()).contains("bold");
        assertThat(piece(answer, "app2").getStyleClass()).doesNotContain("bold");
        Node app2 = piece(answer, "app2").getParent();
        assertThat(GridPane.getRowIndex(app2)).isEqualTo(2);
        assertThat(GridPane.getColumnIndex(piece(answer, "41 %").getParent())).isEqualTo(1);
    }

    @Test
    void aCodeBlockKeepsItsTextAndLanguageAndRawHtmlIsShownAsText() throws Exception {
        Node answer = render("""
                ```bash
                redis-cli ping
                ```

                <b>not bold</b>
                """);
        assertThat(all(answer)).anySatisfy(n -> assertThat(n).isInstanceOfSatisfying(Label.class, l -> assertThat(l.getText()).isEqualTo("redis-cli ping")));
        assertThat(all(answer)).anySatisfy(n -> assertThat(n).isInstanceOfSatisfying(Label.class, l -> assertThat(l.getText()).isEqualTo("bash")));
        assertThat(piece(answer, "<b>")).as("the tag, as text").isNotNull();
        assertThat(piece(answer, "not bold").getStyleClass()).doesNotContain("bold");
    }
}
