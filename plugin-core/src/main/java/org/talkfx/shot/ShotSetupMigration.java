package org.talkfx.shot;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Upgrades the JSON of one schema version to the next ({@code fromVersion() + 1}) before binding, so old setup
 * files keep opening after the schema changes. Work on the tree, never on the records: the records only know
 * the current shape.
 */
public interface ShotSetupMigration {
    int fromVersion();

    /** May modify and return {@code document}; {@code schema_version} is set by the caller. */
    ObjectNode migrate(ObjectNode document);
}
