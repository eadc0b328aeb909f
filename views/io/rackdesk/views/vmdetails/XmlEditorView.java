package io.rackdesk.views.vmdetails;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.viewmodels.vmdetails.XmlEditorViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.views.ViewLoader;
import io.rackdesk.views.ViewSupport;
import io.rackdesk.views.icons.RackdeskIcon;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/**
 * The XML editor of a VM's definition (XmlEditor.fxml): a code area with line numbers and XML
 * highlighting, Save / Show changes / Revert / Reload, and libvirt's error above the text. Embed
 * {@link #root()} and call {@link #setVm(VmItem)} when the VM shown changes.
 */
public final class XmlEditorView {
    private final XmlEditorViewModel viewModel;
    private final Localization l10n;
    private final VBox root;
    private final CodeArea editor = new CodeArea();
    private final CodeArea diff = new CodeArea();

    @FXML private Label title;
    @FXML private Button saveButton;
    @FXML private ToggleButton diffButton;
    @FXML private Button revertButton;
    @FXML private Button reloadButton;
    @FXML private HBox errorBar;
    @FXML private Label error;
    @FXML private Hyperlink goToLine;
    @FXML private Label info;
    @FXML private SplitPane split;
    @FXML private StackPane editorPane;
    @FXML private VBox diffPane;
    @FXML private Label diffSummary;
    @FXML private StackPane diffHolder;

    public XmlEditorView(XmlEditorViewModel viewModel, Localization l10n) {
        this.viewModel = viewModel;
        this.l10n = l10n;
        this.root = ViewLoader.load(this, "XmlEditor.fxml", l10n);
    }

    public Node root() {
        return root;
    }

    /**
     * Shows {@code vm}'s definition; when the current one has unsaved edits the user is asked
     * first. Returns false when they keep them (the editor stays on the current VM).
     */
    public boolean setVm(VmItem vm) {
        return viewModel.setVm(vm);
    }

    @FXML
    private void initialize() {
        title.textProperty().bind(viewModel.titleProperty());
        saveButton.setGraphic(RackdeskIcon.SAVE.node());
        diffButton.setGraphic(RackdeskIcon.SHOW_CHANGES.node());
        revertButton.setGraphic(RackdeskIcon.REVERT.node());
        reloadButton.setGraphic(RackdeskIcon.REFRESH.node());
        saveButton.disableProperty().bind(viewModel.canSaveBinding().not());
        revertButton.disableProperty().bind(viewModel.dirtyProperty().not().or(viewModel.canEditBinding().not()));
        reloadButton.disableProperty().bind(viewModel.vmProperty().isNull()
                .or(viewModel.loadingProperty()).or(viewModel.savingProperty()));
        diffButton.selectedProperty().bindBidirectional(viewModel.diffShownProperty());
        diffButton.disableProperty().bind(viewModel.loadedProperty().not());

        error.setGraphic(RackdeskIcon.FAILED.node());
        ViewSupport.bindError(error, viewModel.errorProperty());
        errorBar.visibleProperty().bind(error.visibleProperty());
        errorBar.managedProperty().bind(errorBar.visibleProperty());
        goToLine.textProperty().bind(Bindings.createStringBinding(
                () -> l10n.lang("xml.goToLine", viewModel.errorLineProperty().get()), viewModel.errorLineProperty()));
        goToLine.visibleProperty().bind(viewModel.errorLineProperty().greaterThan(0));
        goToLine.managedProperty().bind(goToLine.visibleProperty());
        ViewSupport.bindError(info, viewModel.infoProperty());

        setUpEditor();
        setUpDiff();
    }

    private void setUpEditor() {
        editor.setId("xmlText");
        editor.getStyleClass().add("xml-text");
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.editableProperty().bind(viewModel.canEditBinding());
        editorPane.getChildren().add(new VirtualizedScrollPane<>(editor));
        // the highlighting is recomputed on every change: a definition is a few hundred lines at most
        editor.textProperty().addListener((obs, old, text) -> {
            editor.setStyleSpans(0, XmlStyles.xml(text));
            if (!text.equals(viewModel.textProperty().get())) {
                viewModel.textProperty().set(text);
            }
        });
        viewModel.textProperty().addListener((obs, old, text) -> {
            if (!text.equals(editor.getText())) {
                replaceKeepingPlace(text);
            }
        });
        // a freshly read definition starts a new history: undo must not bring back the previous VM's text
        viewModel.loadingProperty().addListener((obs, was, loading) -> {
            if (!loading) {
                editor.getUndoManager().forgetHistory();
                editor.moveTo(0);
                editor.requestFollowCaret();
            }
        });
        editor.replaceText(viewModel.textProperty().get());
    }

    /** Revert and read-back replace the whole text; the caret and the scroll position stay where they were. */
    private void replaceKeepingPlace(String text) {
        int caret = editor.getCaretPosition();
        double scrollY = editor.getEstimatedScrollY();
        editor.replaceText(text);
        editor.moveTo(Math.min(caret, text.length()));
        editor.scrollYToPixel(scrollY);
    }

    private void setUpDiff() {
        diff.setId("xmlDiff");
        diff.getStyleClass().add("xml-diff");
        diff.setEditable(false);
        diffHolder.getChildren().add(new VirtualizedScrollPane<>(diff));
        diffSummary.textProperty().bind(viewModel.diffSummaryProperty());
        viewModel.diffTextProperty().addListener((obs, old, text) -> showDiffText(text));
        showDiffText(viewModel.diffTextProperty().get());
        viewModel.diffShownProperty().addListener((obs, was, shown) -> showDiffPane(shown));
        showDiffPane(viewModel.diffShownProperty().get());
    }

    private void showDiffText(String text) {
        diff.replaceText(text);
        for (int i = 0; i < diff.getParagraphs().size(); i++) {
            String style = XmlStyles.diffLine(diff.getParagraph(i).getText());
            diff.setParagraphStyle(i, style == null ? List.of() : List.of(style));
        }
        diff.moveTo(0); // replaceText leaves the caret, and the view, at the end
        diff.requestFollowCaret();
    }

    private void showDiffPane(boolean shown) {
        if (shown && !split.getItems().contains(diffPane)) {
            split.getItems().add(diffPane);
            split.setDividerPositions(0.6);
        } else if (!shown) {
            split.getItems().remove(diffPane);
        }
    }

    @FXML
    private void save() {
        viewModel.save();
    }

    @FXML
    private void revert() {
        viewModel.revert();
    }

    @FXML
    private void reload() {
        viewModel.reload();
    }

    @FXML
    private void goToErrorLine() {
        int line = viewModel.errorLineProperty().get();
        if (line > 0 && line <= editor.getParagraphs().size()) {
            editor.moveTo(line - 1, 0);
            editor.requestFollowCaret();
            editor.requestFocus();
        }
    }
}
