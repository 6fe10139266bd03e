package com.nexusai.desktop.platform;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

/** What every table of the console needs: a text column from a function, and the server's instants in local time. */
public final class Tables {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Tables() {
    }

    public static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** Replaces a table's rows only when they changed: an unchanged table keeps its selection and draws nothing. */
    public static <T> void replaceIfChanged(javafx.collections.ObservableList<T> shown, java.util.List<T> latest) {
        if (!shown.equals(latest)) {
            shown.setAll(latest);
        }
    }

    /** An ISO instant from the server in the local zone; "-" for none; as given when it is not an instant. */
    public static String time(String instant) {
        if (instant == null || instant.isBlank() || instant.equals("null")) {
            return "-";
        }
        try {
            return TIME.format(Instant.parse(instant).atZone(ZoneId.systemDefault()));
        } catch (RuntimeException e) {
            return instant;
        }
    }
}
