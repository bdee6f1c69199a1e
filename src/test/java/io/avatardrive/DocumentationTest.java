package io.avatardrive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The docs keep up with the code: every setting, every route and every link a reader follows is there. */
class DocumentationTest {

    private static final Pattern ROUTE_ID = Pattern.compile("(?m)^\\s+id: ([a-z0-9-]+)$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#:]+\\.(md|png))(#[^)]*)?\\)");

    @Test
    void everyKeyOfApplicationPropertiesIsInTheConfigurationPage() throws IOException {
        Properties keys = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            keys.load(in);
        }
        String page = Files.readString(Path.of("docs/configuration.md"));
        List<String> missing = keys.stringPropertyNames().stream().filter(key -> !key.startsWith("camel."))
                .filter(key -> !page.contains("`" + key + "`")).sorted().toList();
        assertTrue(keys.size() > 40, "the properties were read: " + keys.size());
        assertTrue(missing.isEmpty(), "docs/configuration.md does not document " + missing);
    }

    @Test
    void everyRouteIdInRoutesIsInTheDocs() throws IOException {
        String docs = allDocs();
        List<String> missing = new ArrayList<>();
        int routes = 0;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Matcher m = ROUTE_ID.matcher(Files.readString(file));
                while (m.find()) {
                    routes++;
                    if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(m.group(1)) + "(?![\\w-])").matcher(docs).find()) {
                        missing.add(file.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertTrue(routes >= 10, "the route ids were read: " + routes);
        assertTrue(missing.isEmpty(), "no page of docs/ names " + missing);
    }

    @Test
    void theReadmeIsALandingPageWhoseLinksAndTheDocsLinksLeadSomewhere() throws IOException {
        assertTrue(Files.readAllLines(Path.of("README.md")).size() <= 250, "README.md is a landing page");
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                if (!Files.exists(page.resolveSibling(m.group(1)))) {
                    broken.add(page + " -> " + m.group(1));
                }
            }
        }
        assertTrue(broken.isEmpty(), "links to nothing: " + broken);
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String allDocs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path page : pages()) {
            all.append(Files.readString(page));
        }
        return all.toString();
    }
}
