package net.sigsrv.infra.talos.config;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Renders a document tree as block YAML indented like Talos's own (four spaces, list dashes indented; no anchors, even for values the tree shares). */
final class ConfigYaml {

    private static final DumpSettings SETTINGS = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(4)
            .setIndicatorIndent(2)
            .setIndentWithIndicator(true)
            .setWidth(Integer.MAX_VALUE)
            .setDereferenceAliases(true)
            .build();

    private ConfigYaml() {
    }

    static String render(Map<String, Object> doc) {
        return new Dump(SETTINGS).dumpToString(doc);
    }
}
