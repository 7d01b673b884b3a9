"""URLs of the resident's online service (namespace "resident", under /me/); the home page stays
portal:resident-home."""

from django.urls import path

from portal.resident import appointments
from portal.resident.views import access_log, apply, bundles, cases, ecard, identity, offers, proof, ratings, records

app_name = "resident"

urlpatterns = [
    # Sign-up and password reset: public, three steps each.
    path("signup/", identity.signup, name="signup"),
    path("signup/code/", identity.signup_code, name="signup-code"),
    path("signup/password/", identity.signup_password, name="signup-password"),
    path("password-reset/", identity.password_reset, name="password-reset"),
    path("password-reset/code/", identity.password_reset_code, name="password-reset-code"),
    path("password-reset/password/", identity.password_reset_password, name="password-reset-password"),
    # My records and the rights statement.
    path("records/", records.records, name="records"),
    path("statement/", records.statement, name="statement"),
    # My electronic social-security card (a one-time QR code) and its refresh.
    path("ecard/", ecard.ecard_page, name="ecard"),
    path("ecard/code/", ecard.ecard_code, name="ecard-code"),
    # Who in the bureau opened my record (the access log).
    path("access-log/", access_log.access_log, name="access-log"),
    # My cases, the material I hand in, and the uploaded files.
    path("cases/", cases.case_list, name="cases"),
    path("cases/<str:number>/", cases.case_detail, name="case-detail"),
    path("cases/<str:number>/upload/", cases.case_upload, name="case-upload"),
    path("cases/<str:number>/hand-in/", cases.case_hand_in, name="case-hand-in"),
    path("cases/<str:number>/withdraw/", cases.case_withdraw_view, name="case-withdraw"),
    path("cases/<str:number>/rate/", ratings.case_rate, name="case-rate"),
    path("cases/<str:number>/documents/<int:pk>/", cases.document, name="document"),
    # What the bureau found I may be entitled to (免申即享): confirm or decline.
    path("offers/<int:pk>/confirm/", offers.offer_confirm_view, name="offer-confirm"),
    path("offers/<int:pk>/decline/", offers.offer_decline_view, name="offer-decline"),
    # Starting business online.
    path("apply/", apply.catalogue, name="apply"),
    path("apply/<str:code>/", apply.apply_service, name="apply-service"),
    path("apply/done/<str:number>/", apply.apply_done, name="apply-done"),
    # A life event (一件事): several services in one form, one receipt.
    path("apply/event/<str:code>/", bundles.apply_bundle, name="apply-bundle"),
    # Proof of life by photo, checked by a reviewer.
    path("proof-of-life/photo/", proof.proof_photo, name="proof-photo"),
    # Appointments at a hall (booking is counter's service).
    path("appointments/", appointments.appointments, name="appointments"),
    path("appointments/book/", appointments.appointment_book_view, name="appointment-book"),
    path("appointments/<str:code>/", appointments.appointment_detail, name="appointment-detail"),
    path("appointments/<str:code>/cancel/", appointments.appointment_cancel_view, name="appointment-cancel"),
    path("appointments/<str:code>/move/", appointments.appointment_move_view, name="appointment-move"),
]
