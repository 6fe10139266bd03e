/** The NexusAI admin console: JavaFX with AtlantaFX and ControlsFX, over app-core. */
module com.nexusai.desktop {
    requires javafx.controls;
    requires atlantafx.base;
    requires org.controlsfx.controls;
    requires com.nexusai.core;
    requires java.prefs;

    exports com.nexusai.desktop.shell to javafx.graphics;
}
