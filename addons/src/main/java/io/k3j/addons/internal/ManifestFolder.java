package io.k3j.addons.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files below the manifests folder, walked recursively. Symbolic links to directories are
 * followed at the top level only (as k3s does); files found through them keep their path under the
 * folder but are never deleted when disabled, since they belong to someone else.
 */
public final class ManifestFolder {
  private ManifestFolder() {}

  /**
   * One file: its path under the folder, name, modification time and size (together they tell that
   * a file changed), and whether disabling it may delete it.
   */
  public record Entry(Path path, FileTime modified, long size, boolean removable) {
    public String fileName() {
      return path.getFileName().toString();
    }
  }

  /** Every regular file below {@code base}, sorted by path; empty when {@code base} is missing. */
  public static List<Entry> list(Path base) throws IOException {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(base)) {
      return entries;
    }
    walk(base, base, true, entries);
    entries.sort(Comparator.comparing(e -> e.path().toString()));
    return entries;
  }

  /** The directories to watch for changes: {@code base}, its subdirectories and linked ones. */
  public static List<Path> directories(Path base) throws IOException {
    List<Path> directories = new ArrayList<>();
    if (!Files.isDirectory(base)) {
      return directories;
    }
    Files.walkFileTree(
        base,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            directories.add(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isSymbolicLink()
                && file.getParent().equals(base)
                && Files.isDirectory(file)) {
              directories.add(file.toRealPath());
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    return directories;
  }

  private static void walk(Path base, Path root, boolean removable, List<Entry> entries)
      throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isSymbolicLink()) {
              if (Files.isDirectory(file)) {
                if (removable && file.getParent().equals(base)) {
                  walkLinked(file, entries);
                }
                return FileVisitResult.CONTINUE;
              }
              if (!Files.isRegularFile(file)) {
                return FileVisitResult.CONTINUE; // a dangling link
              }
            }
            add(file, removable, entries);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE; // removed while walking
            }
            throw e;
          }
        });
  }

  private static void walkLinked(Path link, List<Entry> entries) throws IOException {
    Path target = link.toRealPath();
    List<Entry> linked = new ArrayList<>();
    walk(target, target, false, linked);
    for (Entry e : linked) {
      entries.add(
          new Entry(link.resolve(target.relativize(e.path())), e.modified(), e.size(), false));
    }
  }

  private static void add(Path file, boolean removable, List<Entry> entries) throws IOException {
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      if (attrs.isRegularFile()) {
        entries.add(new Entry(file, attrs.lastModifiedTime(), attrs.size(), removable));
      }
    } catch (NoSuchFileException e) {
      // removed while walking
    }
  }
}
