/** The NexusAI admin console: JavaFX with AtlantaFX and ControlsFX, over app-core. */
module com.nexusai.desktop {
    requires javafx.controls;
    requires atlantafx.base;
    requires org.controlsfx.controls;
    requires com.nexusai.core;
    requires java.prefs;
    requires info.picocli;
    requires org.commonmark;
    requires org.commonmark.ext.gfm.tables;

    // picocli reads the command line into the annotated fields of shell.ConsoleCommand
    opens com.nexusai.desktop.shell to info.picocli;

    exports com.nexusai.desktop.shell to javafx.graphics;
}
