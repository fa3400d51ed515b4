package demo

import (
	"crypto/sha256"
	"encoding/base32"
)

// staff are the demo accounts; their passwords are printed in demo mode.
// Tests of other packages sign in with these addresses and passwords.
func staff() []StaffAccount {
	accounts := []StaffAccount{
		{Email: "region@demo.example.ru", FullName: "Соколова Ирина Викторовна", Role: "regional_admin",
			Password: "demo-region-2026"},
		{Email: "blestyashchiy@demo.example.ru", FullName: "Орлов Павел Андреевич", Role: "municipal_admin",
			MunicipalityCode: "01", Password: "demo-municipal-2026"},
		{Email: "tara@demo.example.ru", FullName: "Белова Марина Игоревна", Role: "municipal_admin",
			MunicipalityCode: "07", Password: "demo-municipal7-2026"},
		{Email: "operator@demo.example.ru", FullName: "Кузнецова Татьяна Николаевна", Role: "operator",
			OrganizationKey: "ddt-central", Password: "demo-operator-2026"},
		{Email: "provider@demo.example.ru", FullName: "Лебедева Ольга Сергеевна", Role: "provider",
			OrganizationKey: "ddt-central", Password: "demo-provider-2026"},
		{Email: "operator.zarechny@demo.example.ru", FullName: "Никитина Анна Павловна", Role: "operator",
			OrganizationKey: "ddt-02", Password: "demo-operator2-2026"},
		{Email: "provider.tara@demo.example.ru", FullName: "Волкова Елена Васильевна", Role: "provider",
			OrganizationKey: "ddt-07", Password: "demo-provider7-2026"},
		{Email: "provider.zarechny@demo.example.ru", FullName: "Захаров Илья Олегович", Role: "provider",
			OrganizationKey: "syut-02", Password: "demo-provider2-2026"},
	}
	for i := range accounts {
		accounts[i].TOTPSecret = demoSecret(accounts[i].Email)
	}
	return accounts
}

// demoSecret is a demo account's TOTP secret: 160 bits made from its
// address, the same on every run. Only demo accounts have such secrets;
// real ones are random (auth.EnrollTOTP).
func demoSecret(email string) string {
	sum := sha256.Sum256([]byte("navigator-demo-totp:" + email))
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:20])
}

// Accounts are the demo staff accounts with their passwords and second
// factors, for the demo-mode pages and printouts.
func Accounts() []StaffAccount { return staff() }
