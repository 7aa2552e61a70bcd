package org.talkfx.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.talkfx.cache.AtomicFiles;
import org.talkfx.shot.ShotSetupFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The per-user state folder ({@code ~/.config/talkfx} by default; {@code --state-dir} or
 * {@code TALKFX_STATE_DIR}): {@code token} (the API token, mode 0600), {@code service.json} (where the running
 * service listens), {@code jobs/} (unfinished jobs, resumed after a restart) and {@code serve.log}.
 */
public final class ServiceFiles {
    static final ObjectMapper JSON = ShotSetupFile.JSON;
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");
    private static final Set<PosixFilePermission> USER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> USER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    public ServiceFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** {@code $TALKFX_STATE_DIR}, else {@code $XDG_CONFIG_HOME/talkfx}, else {@code ~/.config/talkfx}. */
    public static Path defaultDir() {
        String env = System.getenv("TALKFX_STATE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("talkfx");
    }

    public Path dir() {
        return dir;
    }

    public Path tokenFile() {
        return dir.resolve("token");
    }

    public Path infoFile() {
        return dir.resolve("service.json");
    }

    public Path jobsDir() {
        return dir.resolve("jobs");
    }

    public Path logFile() {
        return dir.resolve("serve.log");
    }

    void createDirs() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, dirAttributes());
        }
        if (!Files.isDirectory(jobsDir())) {
            Files.createDirectories(jobsDir(), dirAttributes());
        }
    }

    /**
     * The token, created (32 random bytes, hex) when missing, malformed, or readable by others; the file is
     * written atomically with mode 0600.
     */
    public String ensureToken() throws IOException {
        createDirs();
        Optional<String> existing = readToken();
        if (existing.isPresent() && (!posix() || Files.getPosixFilePermissions(tokenFile()).equals(USER_ONLY))) {
            return existing.get();
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        writeUserOnly(tokenFile(), token + "\n");
        return token;
    }

    public Optional<String> readToken() throws IOException {
        try {
            String t = Files.readString(tokenFile(), StandardCharsets.US_ASCII).trim();
            return TOKEN.matcher(t).matches() ? Optional.of(t) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void writeInfo(ServiceInfo info) throws IOException {
        writeUserOnly(infoFile(), JSON.writeValueAsString(info));
    }

    public Optional<ServiceInfo> readInfo() {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(infoFile()), ServiceInfo.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes service.json if it still describes this process (a newer service may have replaced it). */
    void deleteInfo(long pid) throws IOException {
        if (readInfo().map(i -> i.pid() == pid).orElse(false)) {
            Files.deleteIfExists(infoFile());
        }
    }

    void writeUserOnly(Path file, String content) throws IOException {
        if (posix()) {
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8), false,
                    PosixFilePermissions.asFileAttribute(USER_ONLY));
        } else {
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static FileAttribute<?>[] dirAttributes() {
        return posix() ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(USER_ONLY_DIR)} : new FileAttribute<?>[0];
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
