package org.talkfx.farm;

import java.nio.file.Path;

/** One shot handed to a farm: its id (a name usable as a layer or task name) and its shot job file. */
public record FarmShot(String id, Path jobFile) {
}
