"""Tests of the PDF documents (ReportLab)."""
