"""employment"""
