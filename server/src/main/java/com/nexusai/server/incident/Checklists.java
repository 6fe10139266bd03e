package com.nexusai.server.incident;

import java.util.List;

/** The guide's §6.3 escalation procedure: what each level checks, in French (the guide's words) and English. */
final class Checklists {

    record Item(String fr, String en) {
    }

    record Level(int level, String team, List<Item> items) {
    }

    static final List<Level> LEVELS = List.of(
            new Level(1, "Support technique / Technical support", List.of(
                    new Item("Vérifier les logs et métriques", "Check the logs and metrics"),
                    new Item("Redémarrer si nécessaire", "Restart if needed"))),
            new Level(2, "DevOps", List.of(
                    new Item("Analyse approfondie", "Deep analysis"),
                    new Item("Scaling / rollback", "Scaling / rollback"))),
            new Level(3, "Développeurs / Developers", List.of(
                    new Item("Debug du code", "Debug the code"),
                    new Item("Hotfix si nécessaire", "Hotfix if needed"))));

    private Checklists() {
    }

    static Level level(int level) {
        return LEVELS.get(level - 1);
    }
}
