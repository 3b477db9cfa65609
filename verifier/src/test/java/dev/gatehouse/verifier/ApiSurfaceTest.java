package dev.gatehouse.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the public API: lists every public type of the public packages and its public members,
 * and compares with the checked-in {@code verifier/api.txt}. A change to the API fails this test
 * until api.txt is updated on purpose:
 *
 * <pre>./mvnw -pl verifier test -Dtest=ApiSurfaceTest -Dgatehouse.api.update=true</pre>
 *
 * then review {@code git diff verifier/api.txt} like any other change.
 */
class ApiSurfaceTest {
  private static final List<String> PUBLIC_PACKAGES = List.of("dev.gatehouse.verifier", "dev.gatehouse.verifier.testing");
  private static final Path API_FILE = Path.of("api.txt");

  @Test
  void publicApiMatchesCheckedInApiTxt() throws Exception {
    String actual = String.join("\n", describe()) + "\n";
    if (Boolean.getBoolean("gatehouse.api.update")) {
      Files.writeString(API_FILE, actual, StandardCharsets.UTF_8);
    }
    String expected = Files.readString(API_FILE, StandardCharsets.UTF_8);
    assertThat(actual)
        .as("public API changed; if on purpose, run with -Dgatehouse.api.update=true and review the diff of verifier/api.txt")
        .isEqualTo(expected);
  }

  private static List<String> describe() throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Path.of(JwtVerifier.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> lines = new ArrayList<>();
    for (String pkg : PUBLIC_PACKAGES) {
      Path dir = classes.resolve(pkg.replace('.', '/'));
      List<String> names;
      try (Stream<Path> files = Files.list(dir)) {
        names = files.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
            .map(n -> pkg + "." + n.substring(0, n.length() - ".class".length()).replace('$', '.'))
            .sorted()
            .toList();
      }
      for (String name : names) {
        Class<?> type = Class.forName(binaryName(name, pkg));
        if (isPublicApi(type)) {
          lines.addAll(describe(type));
        }
      }
    }
    return lines;
  }

  private static String binaryName(String name, String pkg) {
    return pkg + "." + name.substring(pkg.length() + 1).replace('.', '$');
  }

  private static boolean isPublicApi(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return !type.isSynthetic() && !type.isAnonymousClass();
  }

  private static List<String> describe(Class<?> type) {
    List<String> members = new ArrayList<>();
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (Modifier.isPublic(c.getModifiers())) {
        members.add("  " + c.toGenericString());
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (Modifier.isPublic(f.getModifiers()) && !f.isSynthetic()) {
        members.add("  " + f.toGenericString());
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        members.add("  " + m.toGenericString());
      }
    }
    members.sort(null);
    List<String> out = new ArrayList<>();
    out.add(Modifier.toString(type.getModifiers() & ~Modifier.STATIC) + " " + kind(type) + " " + type.getTypeName()
        + (type.getSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum() && !type.isRecord()
            ? " extends " + type.getSuperclass().getTypeName() : ""));
    out.addAll(members);
    return out;
  }

  private static String kind(Class<?> type) {
    if (type.isInterface()) {
      return "interface";
    }
    if (type.isEnum()) {
      return "enum";
    }
    return type.isRecord() ? "record" : "class";
  }
}
