package org.talkfx.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The content-addressed store of generated frames that the effect, the panel, the CLI and the render service
 * share, possibly from several processes at once.
 *
 * <pre>
 * root/entries/ab/abcd…/   one entry: its files + manifest.json (the manifest's mtime = last use)
 * root/tmp/abcd….uuid/     an entry being written (+ .lock, locked while its writer lives)
 * root/trash/              entries being deleted (moved here first, so readers never see half an entry)
 * root/cache.lock          held while evicting and cleaning
 * </pre>
 *
 * Entries appear by one directory rename and disappear by one rename, so a reader sees a whole entry or none.
 * Reads verify sizes and SHA-256 against the manifest; a corrupt entry is removed and reported as a miss.
 * After each commit, least recently used entries are evicted until the total size fits {@code maxBytes}.
 */
public final class RenderCache {
    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** Lock files of writers that died between creating and locking them are removed after this long. */
    private static final Duration ORPHAN_LOCK_AGE = Duration.ofMinutes(10);

    private final Path root;
    private final Path entries;
    private final Path tmp;
    private final Path trash;
    private final long maxBytes;
    private final Clock clock;

    public RenderCache(Path root, long maxBytes) throws IOException {
        this(root, maxBytes, Clock.systemUTC());
    }

    public RenderCache(Path root, long maxBytes, Clock clock) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("cache size bound must be positive, got " + maxBytes);
        }
        this.root = root.toAbsolutePath().normalize();
        this.entries = this.root.resolve("entries");
        this.tmp = this.root.resolve("tmp");
        this.trash = this.root.resolve("trash");
        this.maxBytes = maxBytes;
        this.clock = clock;
        Files.createDirectories(entries);
        Files.createDirectories(tmp);
        Files.createDirectories(trash);
        cleanAbandonedWrites();
    }

    /** {@code $TALKFX_CACHE_DIR}, else {@code $XDG_CACHE_HOME/talkfx/render}, else {@code ~/.cache/talkfx/render}. */
    public static Path defaultRoot() {
        String dir = System.getenv("TALKFX_CACHE_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("talkfx").resolve("render");
    }

    public Path root() {
        return root;
    }

    Clock clock() {
        return clock;
    }

    /** Starts writing an entry; use try-with-resources so that a failure leaves nothing behind. */
    public EntryWriter begin(CacheKey key) throws IOException {
        String name = key.hex() + "." + UUID.randomUUID();
        // The lock exists and is held before the folder exists, so a cleaner never takes a live folder for dead.
        Path lockFile = tmp.resolve(name + ".lock");
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ch.lock();
            Path dir = tmp.resolve(name);
            Files.createDirectory(dir);
            return new EntryWriter(this, key, dir, lockFile, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(lockFile);
            throw e;
        }
    }

    /** Moves a complete temporary folder into place, then evicts to fit. Called by {@link EntryWriter#commit}. */
    CacheEntry publish(CacheKey key, Path dir, Manifest manifest) throws IOException {
        Path target = entryDir(key);
        Files.createDirectories(target.getParent());
        touch(dir.resolve(Manifest.FILE_NAME));
        try {
            Files.move(dir, target);
        } catch (FileSystemException e) {
            // Linux reports a rename onto a non-empty folder as ENOTEMPTY, which Java 17 surfaces as a plain
            // FileSystemException rather than DirectoryNotEmptyException: any failure with the target present is a race
            if (!(e instanceof FileAlreadyExistsException || e instanceof DirectoryNotEmptyException)
                    && !Files.exists(target)) {
                throw e;
            }
            // Someone published this key first. If theirs is sound keep it; if it is corrupt, replace it.
            Optional<CacheEntry> existing = get(key);
            if (existing.isPresent()) {
                deleteTree(dir);
                evict(key);
                return existing.get();
            }
            Files.move(dir, target);
        }
        evict(key);
        return new CacheEntry(key, target, manifest);
    }

    /** True when a manifest for the key is present; cheap (no hashing), for "is this window done?" questions. */
    public boolean contains(CacheKey key) {
        return Files.isRegularFile(entryDir(key).resolve(Manifest.FILE_NAME));
    }

    /** The entry, with every file's size and SHA-256 checked; a corrupt entry is removed and reported as a miss. */
    public Optional<CacheEntry> get(CacheKey key) {
        Optional<CacheEntry> e = open(key);
        if (e.isEmpty()) {
            return e;
        }
        try {
            for (Manifest.FileInfo f : e.get().manifest().files()) {
                Path p = e.get().dir().resolve(f.name());
                if (Files.size(p) != f.bytes() || !Hashing.sha256(p).equals(f.sha256())) {
                    return corrupt(key);
                }
            }
        } catch (NoSuchFileException gone) {
            return corrupt(key);
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        touch(e.get().dir().resolve(Manifest.FILE_NAME));
        return e;
    }

    /** One file of an entry, checked against its manifest hash; empty on a miss or corruption (then removed). */
    public Optional<byte[]> read(CacheKey key, String name) {
        Optional<CacheEntry> e = open(key);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        Manifest.FileInfo info = e.get().manifest().file(name);
        if (info == null) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(e.get().dir().resolve(name));
            if (bytes.length != info.bytes() || !Hashing.sha256(bytes).equals(info.sha256())) {
                corrupt(key);
                return Optional.empty();
            }
            touch(e.get().dir().resolve(Manifest.FILE_NAME));
            return Optional.of(bytes);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    /** Removes an entry (moved to trash first, so readers see all of it or nothing). */
    public void remove(CacheKey key) {
        Path dir = entryDir(key);
        Path gone = trash.resolve(key.hex() + "." + UUID.randomUUID());
        try {
            Files.move(dir, gone);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deleteQuietly(gone);
    }

    /** Entries with their sizes and last-use times, least recently used first. */
    public List<EntryInfo> entries() {
        List<EntryInfo> out = new ArrayList<>();
        try (Stream<Path> shards = Files.list(entries)) {
            for (Path shard : (Iterable<Path>) shards::iterator) {
                try (Stream<Path> dirs = Files.list(shard)) {
                    for (Path dir : (Iterable<Path>) dirs::iterator) {
                        entryInfo(dir).ifPresent(out::add);
                    }
                } catch (NoSuchFileException ignored) {
                    // A shard emptied by a concurrent eviction.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(EntryInfo::lastUsedMillis).thenComparing(i -> i.key().hex()));
        return out;
    }

    public record EntryInfo(CacheKey key, long bytes, long lastUsedMillis) {
    }

    public long sizeBytes() {
        return entries().stream().mapToLong(EntryInfo::bytes).sum();
    }

    /**
     * Evicts least recently used entries until the total fits; {@code keep} (the entry just written) is never
     * evicted. Returns the evicted keys.
     */
    @SuppressWarnings("try")
    public List<CacheKey> evict(CacheKey keep) throws IOException {
        List<CacheKey> evicted = new ArrayList<>();
        try (DirLock ignored = DirLock.acquire(root.resolve("cache.lock"))) {
            List<EntryInfo> all = entries();
            long total = all.stream().mapToLong(EntryInfo::bytes).sum();
            for (EntryInfo e : all) {
                if (total <= maxBytes) {
                    break;
                }
                if (e.key().equals(keep)) {
                    continue;
                }
                remove(e.key());
                evicted.add(e.key());
                total -= e.bytes();
            }
        }
        return evicted;
    }

    /**
     * Deletes what crashed writers and interrupted deletions left: temporary folders whose lock is free, and
     * the trash. Runs when a cache is opened. Returns how many temporary folders were removed.
     */
    @SuppressWarnings("try")
    public int cleanAbandonedWrites() throws IOException {
        int removed = 0;
        try (DirLock ignored = DirLock.acquire(root.resolve("cache.lock"))) {
            try (Stream<Path> items = Files.list(tmp)) {
                for (Path p : (Iterable<Path>) items::iterator) {
                    String n = p.getFileName().toString();
                    try {
                        if (Files.isDirectory(p)) {
                            if (writerIsDead(tmp.resolve(n + ".lock"))) {
                                deleteQuietly(p);
                                Files.deleteIfExists(tmp.resolve(n + ".lock"));
                                removed++;
                            }
                        } else if (n.endsWith(".lock") && !Files.exists(tmp.resolve(n.substring(0, n.length() - 5)))
                                && Files.getLastModifiedTime(p).toInstant().isBefore(clock.instant().minus(ORPHAN_LOCK_AGE))) {
                            Files.deleteIfExists(p);
                        }
                    } catch (NoSuchFileException gone) {
                        // Listed before it went: removed just above with its folder, or by its finishing writer.
                    }
                }
            }
            try (Stream<Path> items = Files.list(trash)) {
                items.forEach(RenderCache::deleteQuietly);
            }
        }
        return removed;
    }

    private static boolean writerIsDead(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return false;
            }
            l.release();
            return true;
        } catch (OverlappingFileLockException alive) {
            // Held by a writer in this very process.
            return false;
        } catch (NoSuchFileException finished) {
            return true;
        }
    }

    Path entryDir(CacheKey key) {
        return entries.resolve(key.shard()).resolve(key.hex());
    }

    /** Reads and checks the manifest; no file hashing. */
    private Optional<CacheEntry> open(CacheKey key) {
        Path dir = entryDir(key);
        Manifest m;
        try {
            m = JSON.readValue(Files.readAllBytes(dir.resolve(Manifest.FILE_NAME)), Manifest.class);
        } catch (NoSuchFileException miss) {
            return Optional.empty();
        } catch (IOException unreadable) {
            return corrupt(key);
        }
        if (m.format() != Manifest.FORMAT || !key.hex().equals(m.key()) || m.files() == null
                || m.files().stream().anyMatch(f -> f == null || f.name() == null || !EntryWriter.NAME.matcher(f.name()).matches()
                || f.name().equals(Manifest.FILE_NAME) || f.sha256() == null)) {
            return corrupt(key);
        }
        return Optional.of(new CacheEntry(key, dir, m));
    }

    private Optional<EntryInfo> entryInfo(Path dir) {
        CacheKey key;
        try {
            key = new CacheKey(dir.getFileName().toString());
        } catch (IllegalArgumentException notAnEntry) {
            return Optional.empty();
        }
        Path manifest = dir.resolve(Manifest.FILE_NAME);
        try {
            Manifest m = JSON.readValue(Files.readAllBytes(manifest), Manifest.class);
            return Optional.of(new EntryInfo(key, m.totalBytes(), Files.getLastModifiedTime(manifest).toMillis()));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            corrupt(key);
            return Optional.empty();
        }
    }

    private <T> Optional<T> corrupt(CacheKey key) {
        remove(key);
        return Optional.empty();
    }

    private void touch(Path manifest) {
        try {
            Files.setLastModifiedTime(manifest, FileTime.fromMillis(clock.millis()));
        } catch (NoSuchFileException evicted) {
            // Evicted by another process meanwhile; nothing to record.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException concurrent) {
            // Another process is deleting the same tree.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException | UncheckedIOException e) {
            // Left for the next clean-up; trash and tmp are never read as entries.
        }
    }
}
