import Vapor

/// A form that sends one file in the field `berkas` (region data, post exports, support lists).
struct FileUpload: Content {
    var berkas: File?
}
