package io.rackdesk.viewmodels.vms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The VM table's filter language: words match name, host, state or a tag (all words must match);
 * {@code state:running}, {@code host:kvm-01} and {@code tag:prod} narrow to one field. Case-insensitive.
 */
public final class VmFilter {
    private VmFilter() {
    }

    /** A predicate for {@code text}; {@code stateText} gives the localized state name. */
    public static Predicate<VmItem> parse(String text, Function<VmItem, String> stateText) {
        List<Predicate<VmItem>> parts = new ArrayList<>();
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (String word : t.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int colon = word.indexOf(':');
            String key = colon > 0 ? word.substring(0, colon) : "";
            String value = colon > 0 ? word.substring(colon + 1) : word;
            parts.add(switch (key) {
                case "state" -> vm -> vm.getState().id().startsWith(value)
                        || lower(stateText.apply(vm)).startsWith(value);
                case "host" -> vm -> lower(vm.hostName()).contains(value);
                case "tag" -> vm -> vm.tags().stream().anyMatch(tag -> lower(tag).equals(value));
                case "name" -> vm -> lower(vm.name()).contains(value);
                default -> vm -> lower(vm.name()).contains(word)
                        || lower(vm.hostName()).contains(word)
                        || vm.getState().id().contains(word)
                        || lower(stateText.apply(vm)).contains(word)
                        || vm.tags().stream().anyMatch(tag -> lower(tag).contains(word));
            });
        }
        return vm -> parts.stream().allMatch(p -> p.test(vm));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
