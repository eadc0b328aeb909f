package io.rackdesk.viewmodels;

/** One labelled figure on a details page ("Host name" = "kvm-01"). */
public record Fact(String label, String value) {
}
