"""PDF documents with ReportLab platypus (no Qt): the shared base in `base`, one module per
document. Data comes from services as snapshots; rendering never touches the store."""
