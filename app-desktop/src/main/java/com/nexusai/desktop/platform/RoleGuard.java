package com.nexusai.desktop.platform;

import java.text.MessageFormat;
import java.util.ResourceBundle;

import com.nexusai.core.api.Grants;
import com.nexusai.core.api.Permission;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * A command the signed-in role may not use: its button stays visible, disabled for the session, with a tooltip
 * naming the roles that may. A disabled control gets no mouse events, so the tooltip sits on a wrapper around it.
 */
public final class RoleGuard {

    private RoleGuard() {
    }

    /** {@code button} as it is when {@code grants} allow {@code permission}, else disabled inside a wrapper that explains why. */
    public static Node guard(ButtonBase button, Grants grants, Permission permission, ResourceBundle text) {
        if (grants.allow(permission)) {
            return button;
        }
        String why = refusal(grants, permission, text);
        button.disableProperty().unbind();
        button.setDisable(true);
        button.setAccessibleHelp(why);
        button.getStyleClass().add("role-denied");
        StackPane wrapper = new StackPane(button);
        wrapper.getStyleClass().add("role-guard");
        wrapper.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE); // laid out as the button would be
        Tooltip tooltip = new Tooltip(why);
        tooltip.setShowDelay(Duration.millis(200));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        Tooltip.install(wrapper, tooltip);
        return wrapper;
    }

    /** "Needs the role DEVOPS, DEVELOPER or ADMIN; you are signed in as SUPPORT." */
    public static String refusal(Grants grants, Permission permission, ResourceBundle text) {
        var roles = permission.roles();
        String listed = roles.size() == 1 ? roles.getFirst()
                : String.join(", ", roles.subList(0, roles.size() - 1)) + text.getString("role.or") + roles.getLast();
        String held = grants.roles().isEmpty() ? text.getString("role.none") : String.join(", ", grants.sortedRoles());
        return MessageFormat.format(text.getString(roles.size() == 1 ? "role.denied.one" : "role.denied.many"), listed, held);
    }
}
