package io.tidbbinlog.pump.config;

/**
 * What {@code -V} prints, in the layout of TiDB Binlog's {@code version.GetRawVersionInfo} (one
 * {@code Name: value} per line) with this build's values.
 */
public final class VersionInfo {

    private VersionInfo() {
    }

    public static String text() {
        String version = VersionInfo.class.getPackage().getImplementationVersion();
        return "Release Version: " + (version == null ? "None" : version) + "\n"
                + "Git Commit Hash: None\n"
                + "Git Branch: None\n"
                + "Build TS: None\n"
                + "Java Version: " + System.getProperty("java.version") + "\n"
                + "Java OS/Arch: " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + "\n";
    }
}
