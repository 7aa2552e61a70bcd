package org.talkfx.cli;

import picocli.CommandLine;

public final class TalkFxVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = TalkFx.class.getPackage().getImplementationVersion();
        return new String[]{"TalkFX " + (v == null ? "development build" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
