package io.avatardrive.logging;

import java.util.List;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;
import org.apache.logging.log4j.core.pattern.PatternParser;

/**
 * {@code %safe{pattern}}: the pattern's output with every control character escaped ({@code \n}, {@code \r},
 * {@code \t}, {@code \u001b}...), so that a file name, TaskId or message property can never start a forged log line or
 * steer a terminal. A clip's name is the operator's, but its bytes are whoever wrote the file.
 */
@Plugin(name = "EscapingConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({ "safe" })
public final class EscapingConverter extends LogEventPatternConverter {

    private final List<PatternFormatter> formatters;

    private EscapingConverter(List<PatternFormatter> formatters) {
        super("safe", "safe");
        this.formatters = formatters;
    }

    /** Called by Log4j with the nested pattern as the first option. */
    public static EscapingConverter newInstance(Configuration config, String[] options) {
        if (options == null || options.length != 1) {
            throw new IllegalArgumentException("%safe needs one nested pattern, as in %safe{%m}");
        }
        PatternParser parser = PatternLayout.createPatternParser(config);
        return new EscapingConverter(parser.parse(options[0]));
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        int start = toAppendTo.length();
        for (PatternFormatter formatter : formatters) {
            formatter.format(event, toAppendTo);
        }
        escape(toAppendTo, start);
    }

    /** Escapes the control characters of {@code text} from {@code start} on, in place. */
    static void escape(StringBuilder text, int start) {
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                continue;
            }
            String escaped = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> String.format("\\u%04x", (int) c);
            };
            text.replace(i, i + 1, escaped);
            i += escaped.length() - 1;
        }
    }

    @Override
    public boolean handlesThrowable() {
        return formatters.stream().anyMatch(f -> f.handlesThrowable());
    }
}
