"""insurance"""
