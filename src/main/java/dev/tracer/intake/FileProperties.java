package dev.tracer.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of trace files opened in the viewer ({@code tracer.files.*}, docs/files.md).
 *
 * @param maxSize the largest file {@code POST /api/files} takes; a larger one is answered 413 with this
 * limit in the message. A file is read whole in memory, its JSON tree several times its size, so the
 * limit also bounds what one open costs: 32 MB holds a Jaeger or OTLP file of about 50,000 spans
 */
@ConfigurationProperties("tracer.files")
public record FileProperties(@DefaultValue("32MB") DataSize maxSize) {
}
