package io.rackdesk.archfixture.viewmodels;

/** Keeps the ViewModel rule: properties and collections are allowed. */
public class ViewModelUsingBeans {
    private final javafx.beans.property.StringProperty name = new javafx.beans.property.SimpleStringProperty();
    private final javafx.collections.ObservableList<String> items = javafx.collections.FXCollections.observableArrayList();

    public javafx.beans.property.StringProperty nameProperty() {
        return name;
    }

    public javafx.collections.ObservableList<String> items() {
        return items;
    }
}
